using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.Application.Credentials;

/// <summary>
/// A bucket user's credentials as pages show them before a reveal: everything but the secret key.
/// <paramref name="Outcome"/> says whether they are issued, not issued yet, or unreadable (<paramref name="Problem"/>).
/// </summary>
public sealed record UserAccessView(
    string User,
    bool ReadOnly,
    CredentialsOutcome Outcome,
    string? AccessKey = null,
    Uri? Endpoint = null,
    string? Region = null,
    string? BucketName = null,
    string? Problem = null)
{
    /// <summary>The ready-to-paste details with the secret replaced by a placeholder; null unless issued.</summary>
    public ConnectionDetails? MaskedConnection(string bucket) =>
        Outcome == CredentialsOutcome.Issued && AccessKey is not null && Endpoint is not null && BucketName is not null
            ? new ConnectionDetails(CredentialNames.Profile(bucket, User), Endpoint, Region ?? BucketCredentials.DefaultRegion, BucketName, AccessKey, ConnectionDetails.SecretPlaceholder)
            : null;

    public override string ToString() => $"UserAccessView {{ User = {User}, Outcome = {Outcome}, AccessKey = {AccessKey} }}";
}

/// <summary>A user's credentials after a reveal, secret included: never log, never cache, serve <c>no-store</c>.</summary>
public sealed record RevealedAccess(string User, bool ReadOnly, ConnectionDetails Connection)
{
    public override string ToString() => $"RevealedAccess {{ User = {User}, Connection = {Connection} }}";
}

/// <summary>The credential files users can download.</summary>
public enum CredentialFileFormat
{
    /// <summary><c>.env</c>: AWS_* variables.</summary>
    DotEnv,

    /// <summary>A JSON document with every field.</summary>
    Json,
}

/// <summary>A file to download (contains the secret key).</summary>
public sealed record CredentialFile(string FileName, string ContentType, string Content)
{
    public override string ToString() => $"CredentialFile {{ FileName = {FileName} }}";
}

/// <summary>Names in generated configuration.</summary>
public static class CredentialNames
{
    /// <summary>The profile, remote or alias name: <c>hikube-&lt;bucket&gt;-&lt;user&gt;</c>.</summary>
    public static string Profile(string bucket, string user) =>
        string.IsNullOrEmpty(user) ? $"hikube-{bucket}" : $"hikube-{bucket}-{user}";
}
