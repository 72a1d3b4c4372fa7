using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Provisioner.Radosgw;

/// <summary>How to reach radosgw and as whom (section <c>Radosgw</c>).</summary>
internal sealed class RadosgwOptions : IValidatableObject
{
    public const string Section = "Radosgw";

    /// <summary>Base address of radosgw, e.g. <c>http://127.0.0.1:7480</c>; S3 and the admin API share it.</summary>
    [Required]
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>Access key of a radosgw user with caps <c>users=*;buckets=*</c>.</summary>
    [Required]
    public string AdminAccessKey { get; set; } = string.Empty;

    [Required]
    public string AdminSecretKey { get; set; } = string.Empty;

    /// <summary>Region used in signatures; radosgw's default zone group answers to any.</summary>
    [Required]
    public string Region { get; set; } = "us-east-1";

    /// <summary>Time limit of one call to radosgw.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of one call when radosgw is unavailable (1 = no retry).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    public Uri EndpointUri => new(Endpoint.TrimEnd('/') + "/", UriKind.Absolute);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            !string.IsNullOrEmpty(uri.Query))
        {
            yield return new ValidationResult(
                "Radosgw:Endpoint must be an absolute http or https URL without a query.", [nameof(Endpoint)]);
        }
    }
}
