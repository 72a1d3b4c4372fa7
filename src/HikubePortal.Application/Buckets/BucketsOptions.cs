using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Application.Buckets;

/// <summary>Settings of the bucket screens and jobs (section <c>Buckets</c>).</summary>
public sealed class BucketsOptions
{
    public const string Section = "Buckets";

    /// <summary>
    /// The scheme of credential endpoints written without one (Cozystack strips it): <c>https</c>, or <c>http</c>
    /// for platforms that serve S3 over plain http (the local platform).
    /// </summary>
    [RegularExpression("^https?$", ErrorMessage = "Buckets:EndpointScheme is http or https.")]
    public string EndpointScheme { get; set; } = "https";

    /// <summary>How long key rotation waits for the platform to revoke the old credentials.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RotationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The delete page counts objects up to this many, then says "more than".</summary>
    [Range(1, 10_000_000)]
    public int UsageObjectCap { get; set; } = 10_000;

    /// <summary>How often the job runner looks for work.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a job stays claimed by one portal replica without news before another may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(1);
}
