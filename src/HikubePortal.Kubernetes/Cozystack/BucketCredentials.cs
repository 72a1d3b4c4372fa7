namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>Which Secret format credentials were read from.</summary>
public enum CredentialFormat
{
    /// <summary>Cozystack >= 1.1: <c>bucket-N-U-credentials</c> (accessKey, secretKey, endpoint, bucketName).</summary>
    CozystackUserCredentials,

    /// <summary>COSI <c>BucketInfo</c> JSON in <c>bucket-N-U</c> (>= 1.1).</summary>
    CosiUserBucketInfo,

    /// <summary>COSI <c>BucketInfo</c> JSON in <c>bucket-N</c> (&lt;= 1.0).</summary>
    CosiBucketInfo,

    /// <summary>Cozystack &lt;= 1.0: <c>bucket-N-credentials</c>.</summary>
    LegacyCredentials,

    /// <summary>Hikube 3.0 docs: <c>N-credentials</c> (accessKeyID, accessSecretKey, bucketInfo).</summary>
    HikubeCredentials,
}

/// <summary>
/// S3 credentials of one bucket user. <see cref="ToString"/> never shows <see cref="SecretKey"/>.
/// </summary>
/// <param name="AccessKey">Access key id.</param>
/// <param name="SecretKey">Secret access key: never log it.</param>
/// <param name="Endpoint">Absolute S3 endpoint (a scheme-less value got <c>https://</c>).</param>
/// <param name="Region">Region (<c>us-east-1</c> when the platform gives none).</param>
/// <param name="BucketName">The real S3 bucket name (<c>bucket-&lt;uid&gt;</c>), not the Kubernetes name.</param>
/// <param name="Format">Which Secret format they came from.</param>
/// <param name="SecretName">The Secret they were read from.</param>
public sealed record BucketCredentials(
    string AccessKey, string SecretKey, Uri Endpoint, string Region, string BucketName, CredentialFormat Format, string SecretName)
{
    public const string DefaultRegion = "us-east-1";

    public override string ToString() =>
        $"BucketCredentials {{ AccessKey = {AccessKey}, SecretKey = <redacted>, Endpoint = {Endpoint}, Region = {Region}, BucketName = {BucketName}, Format = {Format}, SecretName = {SecretName} }}";
}

/// <summary>The outcome of reading a user's credentials.</summary>
public enum CredentialsOutcome
{
    /// <summary>Credentials found: <see cref="BucketCredentialsResult.Credentials"/> is set.</summary>
    Issued,

    /// <summary>No credential Secret exists yet (the platform has not issued them, or the user has none).</summary>
    NotIssuedYet,

    /// <summary>A Secret exists but cannot be read as any known format; <see cref="BucketCredentialsResult.Problem"/> says why.</summary>
    Malformed,
}

/// <summary>Credentials, or why there are none. <see cref="Problem"/> never contains a secret value.</summary>
public sealed record BucketCredentialsResult(CredentialsOutcome Outcome, BucketCredentials? Credentials = null, string? Problem = null, string? SecretName = null)
{
    public bool IsIssued => Outcome == CredentialsOutcome.Issued && Credentials is not null;

    public static BucketCredentialsResult Issued(BucketCredentials credentials) =>
        new(CredentialsOutcome.Issued, credentials, null, credentials?.SecretName);

    public static BucketCredentialsResult NotIssuedYet() => new(CredentialsOutcome.NotIssuedYet);

    public static BucketCredentialsResult Malformed(string secretName, string problem) =>
        new(CredentialsOutcome.Malformed, null, problem, secretName);
}
