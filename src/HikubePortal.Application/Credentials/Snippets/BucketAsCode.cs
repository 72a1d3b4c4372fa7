using System.Globalization;
using System.Text;
using HikubePortal.Application.Buckets;

namespace HikubePortal.Application.Credentials.Snippets;

/// <summary>
/// "This bucket as code": the Bucket resource as YAML for <c>kubectl apply</c> and as a Terraform
/// <c>kubernetes_manifest</c>, the way the product's documents show it. Spec only: no key, no secret.
/// </summary>
public static class BucketAsCode
{
    public static ClientSnippet Snippet(string ns, BucketSummary bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return new ClientSnippet(
            "as-code", "As code",
            "Keep it with your infrastructure code: kubectl apply -f bucket.yaml, or the Terraform kubernetes provider. No keys in it.",
            [
                new("bucket.yaml", "yaml", Yaml(ns, bucket)),
                new("bucket.tf", "hcl", Terraform(ns, bucket)),
            ]);
    }

    public static string Yaml(string ns, BucketSummary bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: apps.cozystack.io/v1alpha1
            kind: Bucket
            metadata:
              name: {bucket.Name}
              namespace: {ns}
            spec:
              locking: {(bucket.Locking ? "true" : "false")}

            """);
        if (bucket.StoragePool is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  storagePool: {Quote.Json(bucket.StoragePool)}\n");
        }
        if (bucket.Users.Count == 0)
        {
            text.Append("  users: {}\n");
        }
        else
        {
            text.Append("  users:\n");
            foreach (var user in bucket.Users)
            {
                text.Append(user.ReadOnly ? $"    {user.Name}:\n      readonly: true\n" : $"    {user.Name}: {{}}\n");
            }
        }
        return text.ToString();
    }

    public static string Terraform(string ns, BucketSummary bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            resource "kubernetes_manifest" "bucket_{{bucket.Name.Replace('-', '_')}}" {
              manifest = {
                apiVersion = "apps.cozystack.io/v1alpha1"
                kind       = "Bucket"
                metadata = {
                  name      = {{Quote.Json(bucket.Name)}}
                  namespace = {{Quote.Json(ns)}}
                }
                spec = {
                  {{(bucket.StoragePool is null ? "locking" : "locking    ")}} = {{(bucket.Locking ? "true" : "false")}}

            """);
        if (bucket.StoragePool is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"      storagePool = {Quote.Json(bucket.StoragePool).Replace("${", "$${", StringComparison.Ordinal)}\n");
        }
        text.Append("      users = {\n");
        var width = bucket.Users.Count == 0 ? 0 : bucket.Users.Max(u => Quote.Json(u.Name).Length);
        foreach (var user in bucket.Users)
        {
            var key = Quote.Json(user.Name).PadRight(width);
            text.Append(user.ReadOnly ? $"        {key} = {{ readonly = true }}\n" : $"        {key} = {{}}\n");
        }
        text.Append("      }\n    }\n  }\n}\n");
        return text.ToString();
    }
}
