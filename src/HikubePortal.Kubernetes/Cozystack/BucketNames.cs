using System.Text.RegularExpressions;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>
/// Name rules of the platform. Bucket: a DNS-1035 label of at most 46 characters (the platform prefixes
/// <c>bucket-</c> onto a 53-character Helm release name). User: it ends up in Secret names
/// <c>bucket-&lt;name&gt;-&lt;user&gt;-credentials</c> and COSI object names, so it follows DNS-1123 but
/// conservatively: a label (lower-case letters, digits, '-'; no dots) of at most 63 characters.
/// Validators return null when the name is fine, else one clear sentence.
/// </summary>
public static partial class BucketNames
{
    public const int MaxBucketNameLength = 46;
    public const int MaxUserNameLength = 63;

    /// <summary>Null when <paramref name="name"/> is a valid bucket name, else why not.</summary>
    public static string? ValidateBucketName(string? name) => Validate(name, "Bucket name", MaxBucketNameLength, mustStartWithLetter: true);

    /// <summary>Null when <paramref name="name"/> is a valid bucket user name, else why not.</summary>
    public static string? ValidateUserName(string? name) => Validate(name, "User name", MaxUserNameLength, mustStartWithLetter: false);

    public static bool IsValidBucketName(string? name) => ValidateBucketName(name) is null;

    public static bool IsValidUserName(string? name) => ValidateUserName(name) is null;

    /// <summary>The tenant-readable credentials Secret of a user (Cozystack >= 1.1).</summary>
    public static string CredentialsSecretName(string bucket, string user) => $"bucket-{bucket}-{user}-credentials";

    /// <summary>The COSI BucketInfo Secret of a user (Cozystack >= 1.1).</summary>
    public static string BucketInfoSecretName(string bucket, string user) => $"bucket-{bucket}-{user}";

    /// <summary>The COSI BucketInfo Secret of a bucket (Cozystack &lt;= 1.0).</summary>
    public static string LegacyBucketInfoSecretName(string bucket) => $"bucket-{bucket}";

    /// <summary>The credentials Secret of a bucket (Cozystack &lt;= 1.0).</summary>
    public static string LegacyCredentialsSecretName(string bucket) => $"bucket-{bucket}-credentials";

    /// <summary>The credentials Secret of the Hikube 3.0 docs.</summary>
    public static string HikubeCredentialsSecretName(string bucket) => $"{bucket}-credentials";

    private static string? Validate(string? name, string what, int maxLength, bool mustStartWithLetter)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"{what} is required.";
        }
        if (name.Length > maxLength)
        {
            return $"{what} must be at most {maxLength} characters (it has {name.Length}).";
        }
        if (!AllowedCharacters().IsMatch(name))
        {
            return $"{what} may contain only lower-case letters (a-z), digits and '-'.";
        }
        if (mustStartWithLetter && !char.IsAsciiLetterLower(name[0]))
        {
            return $"{what} must start with a lower-case letter.";
        }
        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            return $"{what} must start with a letter or a digit.";
        }
        if (!char.IsAsciiLetterOrDigit(name[^1]))
        {
            return $"{what} must end with a letter or a digit.";
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedCharacters();
}
