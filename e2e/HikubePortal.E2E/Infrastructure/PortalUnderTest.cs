namespace HikubePortal.E2E.Infrastructure;

/// <summary>
/// The running portal the journeys drive, from the variables <c>deploy/local/test.sh</c> exports
/// after it starts the portal on the test platform (or set by hand against <c>deploy/local/up.sh</c>).
/// </summary>
public sealed record PortalUnderTest(Uri BaseUrl, string OperatorEmail, string OperatorPassword)
{
    public static PortalUnderTest FromEnvironment()
    {
        static string Need(string name) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException(
                    $"{name} is not set: run the end-to-end tests through deploy/local/test.sh e2e, " +
                    "or export HIKUBE_PORTAL_URL, HIKUBE_E2E_EMAIL and HIKUBE_E2E_PASSWORD for a running portal.");

        return new PortalUnderTest(new Uri(Need("HIKUBE_PORTAL_URL")), Need("HIKUBE_E2E_EMAIL"), Need("HIKUBE_E2E_PASSWORD"));
    }
}
