using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Provisioner.Provisioning;

/// <summary>What the provisioner writes and how hard it works (section <c>Provisioner</c>).</summary>
internal sealed class ProvisionerOptions : IValidatableObject
{
    public const string Section = "Provisioner";

    /// <summary>S3 endpoint written into credential Secrets; empty = the radosgw endpoint.</summary>
    public string? PublicEndpoint { get; set; }

    /// <summary>
    /// Which Buckets this provisioner handles, like a COSI bucket class: empty = those without the
    /// label <c>hikube.cloud/provisioner</c>; otherwise those whose label has this value. Lets a second
    /// provisioner (tests, a canary) run beside the platform's without both acting on one Bucket.
    /// </summary>
    [RegularExpression("^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$")]
    [MaxLength(63)]
    public string? Class { get; set; }

    /// <summary>The label selector of the Buckets this provisioner handles.</summary>
    public string LabelSelector => string.IsNullOrEmpty(Class)
        ? $"!{BucketNaming.ClassLabel}"
        : $"{BucketNaming.ClassLabel}={Class}";

    /// <summary>Whether a Bucket with these labels is this provisioner's.</summary>
    public bool Handles(IDictionary<string, string>? labels) =>
        ((labels is not null && labels.TryGetValue(BucketNaming.ClassLabel, out var value) ? value : null) ?? string.Empty) == (Class ?? string.Empty);

    /// <summary>Buckets reconciled at the same time.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>How often every Bucket is reconciled again even without a change.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the Buckets' Workloads are brought in line with radosgw's bucket stats (their size).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan UsageInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First delay after a failed reconcile; doubles on each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between two attempts at a failing Bucket.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicEndpoint) && !IsHttpUrl(PublicEndpoint, out _))
        {
            yield return new ValidationResult(
                "Provisioner:PublicEndpoint must be an absolute http or https URL.", [nameof(PublicEndpoint)]);
        }

    }

    private static bool IsHttpUrl(string value, out Uri uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
