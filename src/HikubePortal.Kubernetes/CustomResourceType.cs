namespace HikubePortal.Kubernetes;

/// <summary>A custom resource the portal reads: <c>/apis/{Group}/{Version}/namespaces/{ns}/{Plural}</c>.</summary>
public sealed record CustomResourceType(string Group, string Version, string Plural, string Kind)
{
    /// <summary><c>group/version</c>.</summary>
    public string ApiVersion => $"{Group}/{Version}";

    /// <summary>What a call is about, for messages: <c>get buckets.apps.cozystack.io tenant-a/backups</c>.</summary>
    public string Describe(string verb, string? ns, string? name = null) =>
        $"{verb} {Plural}.{Group}" + (ns is null && name is null ? "" : $" {ns}{(name is null ? "" : "/" + name)}");
}
