namespace HikubePortal.Application.Credentials;

/// <summary>
/// What an S3 client needs to reach one bucket as one user. <see cref="Name"/> names the profile,
/// remote or alias in the generated configuration (e.g. <c>hikube-backups-admin</c>).
/// </summary>
public sealed record ConnectionDetails(
    string Name,
    Uri Endpoint,
    string Region,
    string BucketName,
    string AccessKey,
    string SecretKey)
{
    /// <summary>The endpoint without a trailing slash, as clients want it.</summary>
    public string EndpointUrl => Endpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>host[:port], for clients that take the scheme separately (s3cmd).</summary>
    public string HostAndPort => Endpoint.IsDefaultPort ? Endpoint.Host : $"{Endpoint.Host}:{Endpoint.Port}";

    public bool UsesHttps => Endpoint.Scheme == Uri.UriSchemeHttps;

    /// <summary>The same details with the secret replaced by a visible placeholder.</summary>
    public ConnectionDetails Masked() => this with { SecretKey = SecretPlaceholder };

    public const string SecretPlaceholder = "REVEAL-TO-SHOW-SECRET-KEY";

    // Never print the secret: records print every property by default.
    public override string ToString() =>
        $"ConnectionDetails {{ Name = {Name}, Endpoint = {EndpointUrl}, Region = {Region}, BucketName = {BucketName}, AccessKey = {AccessKey} }}";
}
