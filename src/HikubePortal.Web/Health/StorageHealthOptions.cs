using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Web.Health;

/// <summary>The S3 endpoint <c>/readyz</c> probes (section <c>Storage</c>, key <c>HealthEndpoint</c>).</summary>
internal sealed class StorageHealthOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>Any HTTP answer below 500 from this URL counts as reachable; empty: the check reports "not configured" as a failure.</summary>
    public Uri? HealthEndpoint { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HealthEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("Storage:HealthEndpoint must be an absolute http:// or https:// URL.", [nameof(HealthEndpoint)]);
        }
    }
}
