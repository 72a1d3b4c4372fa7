namespace HikubePortal.Testing;

/// <summary>
/// The running local platform instance the tests talk to, read from the variables that
/// <c>deploy/local/platform.sh env --name NAME</c> prints. <c>deploy/local/test.sh</c> starts an
/// instance and exports them; to run integration tests by hand:
/// <c>eval "$(deploy/local/platform.sh env --name dev)"; dotnet test tests/...</c>.
/// </summary>
public sealed record LocalPlatform(
    string Name,
    string KubeServer,
    string KubeCaFile,
    string KubeAdminToken,
    string AdminKubeconfig,
    string PortalKubeconfig,
    IReadOnlyList<string> TestTokens,
    string PostgresConnectionString,
    string S3Endpoint,
    string RadosgwAdminAccessKey,
    string RadosgwAdminSecretKey)
{
    private static readonly Lazy<LocalPlatform> Instance = new(Load);

    /// <summary>The platform from the environment; throws with instructions when it is not set.</summary>
    public static LocalPlatform Current => Instance.Value;

    private static LocalPlatform Load()
    {
        static string Need(string name) =>
            Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException(
                    $"{name} is not set: start a local platform and export its settings, e.g. " +
                    "deploy/local/platform.sh start --name dev && eval \"$(deploy/local/platform.sh env --name dev)\"");

        var tokens = Enumerable.Range(1, 3)
            .Select(i => Need($"HIKUBE_KUBE_TEST_TOKEN_{i}"))
            .ToArray();
        return new LocalPlatform(
            Name: Need("HIKUBE_PLATFORM_NAME"),
            KubeServer: Need("HIKUBE_KUBE_SERVER"),
            KubeCaFile: Need("HIKUBE_KUBE_CA_FILE"),
            KubeAdminToken: Need("HIKUBE_KUBE_ADMIN_TOKEN"),
            AdminKubeconfig: Need("KUBECONFIG"),
            PortalKubeconfig: Need("HIKUBE_PORTAL_KUBECONFIG"),
            TestTokens: tokens,
            PostgresConnectionString: Need("HIKUBE_PG_CONNECTION"),
            S3Endpoint: Need("HIKUBE_S3_ENDPOINT"),
            RadosgwAdminAccessKey: Need("HIKUBE_RGW_ADMIN_ACCESS_KEY"),
            RadosgwAdminSecretKey: Need("HIKUBE_RGW_ADMIN_SECRET_KEY"));
    }

    /// <summary>
    /// How many seconds one lifecycle "day" lasts on this instance's radosgw (<c>HIKUBE_LC_DAY_SECONDS</c>, printed by
    /// <c>platform.sh env</c> for an instance started with <c>RGW_LC_DEBUG_INTERVAL</c>); null when days are days.
    /// </summary>
    public static int? LifecycleDaySeconds =>
        int.TryParse(Environment.GetEnvironmentVariable("HIKUBE_LC_DAY_SECONDS"), out var seconds) && seconds > 0 ? seconds : null;

    /// <summary>A name no other test or run uses: <c>prefix-xxxxxxxx</c>, DNS-1035 safe.</summary>
    public static string UniqueName(string prefix) =>
        $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
