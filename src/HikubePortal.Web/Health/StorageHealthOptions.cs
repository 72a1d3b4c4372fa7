namespace HikubePortal.Web.Health;

/// <summary>The S3 endpoint <c>/healthz</c> probes (section <c>Storage</c>, key <c>HealthEndpoint</c>).</summary>
internal sealed class StorageHealthOptions
{
    public const string Section = "Storage";

    /// <summary>Any HTTP answer below 500 from this URL counts as reachable; empty: the check reports "not configured" as a failure.</summary>
    public Uri? HealthEndpoint { get; set; }
}
