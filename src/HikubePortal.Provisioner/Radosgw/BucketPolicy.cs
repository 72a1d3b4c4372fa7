using System.Text;
using System.Text.Json;

namespace HikubePortal.Provisioner.Radosgw;

/// <summary>One radosgw user's access to a bucket.</summary>
internal sealed record BucketGrant(string Uid, bool ReadOnly);

/// <summary>
/// Which of the bucket's settings its read-write users may change through S3: the CORS rules, and versioning with the
/// lifecycle rules ("data"). A platform may keep either to itself.
/// </summary>
internal sealed record SettingChanges(bool Cors, bool Data)
{
    public static SettingChanges All { get; } = new(true, true);
}

/// <summary>
/// The bucket policy that gives each user read-write or read-only access to its bucket and
/// nothing else. The text is deterministic, so comparing it with what radosgw stored tells
/// whether it needs writing.
/// </summary>
internal static class BucketPolicy
{
    private const string UserArnPrefix = "arn:aws:iam:::user/";

    /// <summary>Listing, reading and the object-lock settings: what a read-only user may do.</summary>
    public static readonly IReadOnlyList<string> ReadActions =
    [
        "s3:GetBucketLocation",
        "s3:ListBucket",
        "s3:ListBucketVersions",
        "s3:GetBucketObjectLockConfiguration",
        "s3:GetObject",
        "s3:GetObjectVersion",
        "s3:GetObjectTagging",
        "s3:GetObjectRetention",
        "s3:GetObjectLegalHold",
    ];

    /// <summary>What a read-write user may do on top: write and delete objects, multipart uploads.</summary>
    public static readonly IReadOnlyList<string> WriteActions =
    [
        "s3:ListBucketMultipartUploads",
        "s3:ListMultipartUploadParts",
        "s3:AbortMultipartUpload",
        "s3:PutObject",
        "s3:PutObjectTagging",
        "s3:PutObjectRetention",
        "s3:PutObjectLegalHold",
        "s3:DeleteObject",
        "s3:DeleteObjectVersion",
        "s3:DeleteObjectTagging",
    ];

    /// <summary>
    /// What read-write users may do with the bucket's CORS rules: read them, and change them unless the platform keeps
    /// them (the portal adds a rule for its own origin before browsers upload straight to the bucket).
    /// </summary>
    public static readonly IReadOnlyList<string> CorsActions = ["s3:GetBucketCORS", "s3:PutBucketCORS"];

    /// <summary>Reading the bucket's versioning and lifecycle rules: every user may (the portal reads them with a read-only user when there is one).</summary>
    public static readonly IReadOnlyList<string> DataReadActions = ["s3:GetBucketVersioning", "s3:GetLifecycleConfiguration"];

    /// <summary>Changing them (deleting the lifecycle rules is a put in S3's policy language): read-write users, unless the platform keeps them.</summary>
    public static readonly IReadOnlyList<string> DataWriteActions = ["s3:PutBucketVersioning", "s3:PutLifecycleConfiguration"];

    /// <summary>The policy text for <paramref name="grants"/>; null when there is nobody to grant.</summary>
    /// <param name="changes">What read-write users may change of the bucket's settings (they may always read them); default: everything.</param>
    public static string? Document(string bucket, IEnumerable<BucketGrant> grants, SettingChanges? changes = null)
    {
        var allowed = changes ?? SettingChanges.All;
        var all = grants.OrderBy(g => g.Uid, StringComparer.Ordinal).ToList();
        if (all.Count == 0)
        {
            return null;
        }

        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            var writers = all.Where(g => !g.ReadOnly).Select(g => g.Uid).ToList();
            var readers = all.Where(g => g.ReadOnly).Select(g => g.Uid).ToList();
            if (writers.Count > 0)
            {
                Statement(json, "ReadWrite", bucket, writers,
                    [.. ReadActions, .. WriteActions, .. allowed.Cors ? CorsActions : CorsActions.Take(1), .. DataReadActions, .. allowed.Data ? DataWriteActions : []]);
            }

            if (readers.Count > 0)
            {
                Statement(json, "ReadOnly", bucket, readers, [.. ReadActions, .. DataReadActions]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The radosgw user ids a stored policy names as principals (any statement); empty if unreadable.</summary>
    public static IReadOnlySet<string> Principals(string? document)
    {
        var uids = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(document))
        {
            return uids;
        }

        try
        {
            using var parsed = JsonDocument.Parse(document);
            if (!parsed.RootElement.TryGetProperty("Statement", out var statements))
            {
                return uids;
            }

            foreach (var statement in Items(statements))
            {
                if (statement.ValueKind == JsonValueKind.Object &&
                    statement.TryGetProperty("Principal", out var principal) &&
                    principal.ValueKind == JsonValueKind.Object &&
                    principal.TryGetProperty("AWS", out var aws))
                {
                    foreach (var arn in Items(aws))
                    {
                        if (arn.ValueKind == JsonValueKind.String &&
                            arn.GetString() is { } text &&
                            text.StartsWith(UserArnPrefix, StringComparison.Ordinal))
                        {
                            uids.Add(text[UserArnPrefix.Length..]);
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // a policy the provisioner did not write: it is replaced as a whole anyway
        }

        return uids;
    }

    private static List<JsonElement> Items(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray()] : [element];

    private static void Statement(Utf8JsonWriter json, string sid, string bucket, List<string> uids, IReadOnlyList<string> actions)
    {
        json.WriteStartObject();
        json.WriteString("Sid", sid);
        json.WriteString("Effect", "Allow");
        json.WriteStartObject("Principal");
        json.WriteStartArray("AWS");
        foreach (var uid in uids)
        {
            json.WriteStringValue(UserArnPrefix + uid);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("Action");
        foreach (var action in actions)
        {
            json.WriteStringValue(action);
        }

        json.WriteEndArray();
        json.WriteStartArray("Resource");
        json.WriteStringValue($"arn:aws:s3:::{bucket}");
        json.WriteStringValue($"arn:aws:s3:::{bucket}/*");
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
