using System.Text.Json;
using k8s.Models;

namespace HikubePortal.Kubernetes.Cozystack;

/// <summary>
/// Reads a bucket user's S3 credentials from whichever Secret format the platform version wrote, probing
/// in this order: <c>bucket-N-U-credentials</c> (Cozystack >= 1.1), COSI <c>BucketInfo</c> in
/// <c>bucket-N-U</c> then <c>bucket-N</c>, <c>bucket-N-credentials</c> (&lt;= 1.0), <c>N-credentials</c>
/// (Hikube 3.0 docs). Empty region becomes <c>us-east-1</c>; an endpoint without scheme gets <c>https://</c>.
/// A missing Secret is "not issued yet"; one that cannot be read is "malformed" (the problem names keys, never values).
/// </summary>
public static class BucketCredentialsReader
{
    /// <summary>Probes the Secrets of <paramref name="bucket"/> (and <paramref name="user"/>, when given) in <paramref name="ns"/>.</summary>
    /// <exception cref="KubernetesForbiddenException">The caller may not read the first (primary) Secret.</exception>
    public static async Task<BucketCredentialsResult> ReadAsync(
        ISecretSource secrets, string ns, string bucket, string? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        BucketCredentialsResult? malformed = null;
        var first = true;
        foreach (var (name, format) in Probes(bucket, user))
        {
            V1Secret? secret;
            try
            {
                secret = await secrets.GetSecretAsync(ns, name, cancellationToken);
            }
            catch (KubernetesForbiddenException) when (!first)
            {
                secret = null; // fallback formats may be unreadable for tenants: not an answer
            }
            first = false;
            if (secret is null)
            {
                continue;
            }
            var result = Parse(secret, format);
            if (result.IsIssued)
            {
                return result;
            }
            malformed ??= result;
        }
        return malformed ?? BucketCredentialsResult.NotIssuedYet();
    }

    /// <summary>The Secret names probed, in order, with the format each one is expected to hold.</summary>
    public static IReadOnlyList<(string SecretName, CredentialFormat Format)> Probes(string bucket, string? user)
    {
        var probes = new List<(string, CredentialFormat)>();
        if (!string.IsNullOrEmpty(user))
        {
            probes.Add((BucketNames.CredentialsSecretName(bucket, user), CredentialFormat.CozystackUserCredentials));
            probes.Add((BucketNames.BucketInfoSecretName(bucket, user), CredentialFormat.CosiUserBucketInfo));
        }
        probes.Add((BucketNames.LegacyBucketInfoSecretName(bucket), CredentialFormat.CosiBucketInfo));
        probes.Add((BucketNames.LegacyCredentialsSecretName(bucket), CredentialFormat.LegacyCredentials));
        probes.Add((BucketNames.HikubeCredentialsSecretName(bucket), CredentialFormat.HikubeCredentials));
        return probes;
    }

    /// <summary>Reads one Secret as <paramref name="format"/> (tolerant: any known key set is accepted).</summary>
    public static BucketCredentialsResult Parse(V1Secret secret, CredentialFormat format)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var secretName = secret.Metadata?.Name ?? "(unnamed)";
        var fields = new Fields();
        var bucketInfoText = secret.GetString("BucketInfo") ?? secret.GetString("bucketInfo");
        if (bucketInfoText is not null && !TryReadBucketInfo(bucketInfoText, fields, out var problem))
        {
            return BucketCredentialsResult.Malformed(secretName, problem);
        }
        // Flat keys win over BucketInfo (they are what the platform wrote for people).
        fields.AccessKey = First(secret, "accessKey", "accessKeyID", "AWS_ACCESS_KEY_ID") ?? fields.AccessKey;
        fields.SecretKey = First(secret, "secretKey", "accessSecretKey", "AWS_SECRET_ACCESS_KEY") ?? fields.SecretKey;
        fields.Endpoint = First(secret, "endpoint", "AWS_ENDPOINT_URL") ?? fields.Endpoint;
        fields.BucketName = First(secret, "bucketName", "BUCKET_NAME") ?? fields.BucketName;
        fields.Region = First(secret, "region", "AWS_REGION") ?? fields.Region;

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(fields.AccessKey)) missing.Add("access key");
        if (string.IsNullOrWhiteSpace(fields.SecretKey)) missing.Add("secret key");
        if (string.IsNullOrWhiteSpace(fields.Endpoint)) missing.Add("endpoint");
        if (string.IsNullOrWhiteSpace(fields.BucketName)) missing.Add("bucket name");
        if (missing.Count > 0)
        {
            return BucketCredentialsResult.Malformed(secretName,
                $"Secret {secretName} has no {string.Join(", ", missing)} (keys present: {string.Join(", ", secret.Keys().Order(StringComparer.Ordinal))})");
        }
        var endpoint = NormalizeEndpoint(fields.Endpoint!, fields.Scheme, fields.Port);
        if (endpoint is null)
        {
            return BucketCredentialsResult.Malformed(secretName, $"Secret {secretName} has an endpoint that is not an http(s) address");
        }
        return BucketCredentialsResult.Issued(new BucketCredentials(
            fields.AccessKey!.Trim(), fields.SecretKey!.Trim(), endpoint,
            string.IsNullOrWhiteSpace(fields.Region) ? BucketCredentials.DefaultRegion : fields.Region.Trim(),
            fields.BucketName!.Trim(), format, secretName));
    }

    /// <summary>
    /// An absolute http(s) URI: <c>prod.s3.hikube.cloud</c> -> <c>https://prod.s3.hikube.cloud/</c>;
    /// <paramref name="scheme"/> and <paramref name="port"/> (from a Hikube bucketInfo) apply when the value has none.
    /// </summary>
    public static Uri? NormalizeEndpoint(string value, string? scheme = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Length == 0)
        {
            return null;
        }
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            var useScheme = scheme is not null && (scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
                ? scheme.ToLowerInvariant()
                : "https";
            text = $"{useScheme}://{text}";
            if (port is > 0 and < 65536 && Uri.TryCreate(text, UriKind.Absolute, out var noPort) && noPort.IsDefaultPort
                && !noPort.Authority.Contains(':', StringComparison.Ordinal))
            {
                text = new UriBuilder(noPort) { Port = port.Value }.Uri.ToString();
            }
        }
        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && !string.IsNullOrEmpty(uri.Host)
            ? uri
            : null;
    }

    private static bool TryReadBucketInfo(string json, Fields fields, out string problem)
    {
        problem = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "BucketInfo is not a JSON object";
                return false;
            }
            if (Property(root, "spec") is { ValueKind: JsonValueKind.Object } spec)
            {
                // COSI BucketInfo: spec.bucketName, spec.secretS3.{endpoint, region, accessKeyID, accessSecretKey}
                fields.BucketName = Text(spec, "bucketName");
                if (Property(spec, "secretS3") is { ValueKind: JsonValueKind.Object } s3)
                {
                    fields.Endpoint = Text(s3, "endpoint");
                    fields.Region = Text(s3, "region");
                    fields.AccessKey = Text(s3, "accessKeyID");
                    fields.SecretKey = Text(s3, "accessSecretKey");
                }
                else if (Text(spec, "authenticationType") is { } auth && !auth.Equals("KEY", StringComparison.OrdinalIgnoreCase))
                {
                    problem = $"BucketInfo uses authenticationType {auth}, which carries no S3 keys";
                    return false;
                }
            }
            else
            {
                // Flat shape (Hikube 3.0 docs: endpoint, protocol, port).
                fields.Endpoint = Text(root, "endpoint");
                fields.BucketName = Text(root, "bucketName") ?? Text(root, "bucket");
                fields.Region = Text(root, "region");
                fields.Scheme = Text(root, "protocol") ?? Text(root, "scheme");
                fields.Port = Property(root, "port") switch
                {
                    { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var p) => p,
                    { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var p) => p,
                    _ => null,
                };
                fields.AccessKey = Text(root, "accessKeyID") ?? Text(root, "accessKey");
                fields.SecretKey = Text(root, "accessSecretKey") ?? Text(root, "secretKey");
            }
            return true;
        }
        catch (JsonException)
        {
            problem = "BucketInfo is not valid JSON";
            return false;
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    private static string? First(V1Secret secret, params string[] keys) =>
        keys.Select(k => secret.GetString(k)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private sealed class Fields
    {
        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? Endpoint { get; set; }
        public string? BucketName { get; set; }
        public string? Region { get; set; }
        public string? Scheme { get; set; }
        public int? Port { get; set; }
    }
}
