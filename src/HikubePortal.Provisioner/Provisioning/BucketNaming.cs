using System.Text.RegularExpressions;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>The names the provisioner derives from a Bucket: stable, unique, and the ones Cozystack uses.</summary>
internal static partial class BucketNaming
{
    /// <summary>The finalizer that holds a Bucket until its storage and keys are gone.</summary>
    public const string Finalizer = "hikube.cloud/bucket-provisioner";

    /// <summary>Label of a Bucket naming the provisioner class that handles it (absent: the default one).</summary>
    public const string ClassLabel = "hikube.cloud/provisioner";

    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "hikube-bucket-provisioner";
    public const string BucketLabel = "hikube.cloud/bucket";
    public const string UserLabel = "hikube.cloud/bucket-user";

    /// <summary>
    /// With value <c>refused</c>, the bucket's read-write users may not change its CORS rules: what a platform that
    /// keeps CORS to itself does (tests use it to see the portal upload through itself then).
    /// </summary>
    public const string CorsChangesLabel = "hikube.cloud/cors-changes";

    /// <summary>
    /// With value <c>refused</c>, the bucket's read-write users may not change its versioning and lifecycle rules (they
    /// may read them): tests use it to see the portal say that the platform does not allow it.
    /// </summary>
    public const string DataChangesLabel = "hikube.cloud/data-changes";

    /// <summary>What read-write users may change of a bucket's settings (everything, unless its labels refuse it).</summary>
    public static Radosgw.SettingChanges AllowedChanges(IDictionary<string, string>? labels) =>
        new(!Refused(labels, CorsChangesLabel), !Refused(labels, DataChangesLabel));

    private static bool Refused(IDictionary<string, string>? labels, string label) =>
        labels is not null && labels.TryGetValue(label, out var value) && value == "refused";
    public const string UserSecretLabel = "apps.cozystack.io/user-secret";

    private const string CredentialsSuffix = "-credentials";

    /// <summary>The real S3 bucket: <c>bucket-&lt;uid&gt;</c>, as COSI names it.</summary>
    public static string S3Bucket(string bucketUid) => $"bucket-{bucketUid}";

    /// <summary>The COSI Bucket object name written into <c>BucketInfo</c>.</summary>
    public static string CosiBucket(string bucketUid) => $"bc-{bucketUid}";

    /// <summary>The radosgw user of <paramref name="user"/>: unique per Bucket (its uid) and stable.</summary>
    public static string RgwUser(string bucketUid, string user) => $"bucket-{bucketUid}-{user}";

    /// <summary>The spec user a radosgw user belongs to, when it is one of this Bucket's.</summary>
    public static string? UserOf(string bucketUid, string rgwUser)
    {
        var prefix = $"bucket-{bucketUid}-";
        return rgwUser.StartsWith(prefix, StringComparison.Ordinal) && rgwUser.Length > prefix.Length
            ? rgwUser[prefix.Length..]
            : null;
    }

    /// <summary>The COSI Secret of a user (key <c>BucketInfo</c>).</summary>
    public static string InfoSecret(string bucket, string user) => $"bucket-{bucket}-{user}";

    /// <summary>The tenant-readable Secret of a user (Cozystack &gt;= 1.1).</summary>
    public static string CredentialsSecret(string bucket, string user) => $"bucket-{bucket}-{user}{CredentialsSuffix}";

    /// <summary>
    /// Why a spec user name cannot be provisioned, or null when it can: it must be a DNS-1123 label
    /// (it becomes part of Secret names and a label value) and must not end in <c>-credentials</c>
    /// (its Secret would take another user's name).
    /// </summary>
    public static string? UserNameProblem(string bucket, string user)
    {
        if (!DnsLabel().IsMatch(user) || user.Length > 63)
        {
            return $"user name '{user}' must be lower-case letters, digits and '-', start and end alphanumeric, at most 63 characters";
        }

        if (user.EndsWith(CredentialsSuffix, StringComparison.Ordinal))
        {
            return $"user name '{user}' must not end in '{CredentialsSuffix}'";
        }

        return CredentialsSecret(bucket, user).Length > 253
            ? $"user name '{user}' makes Secret names longer than 253 characters"
            : null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
