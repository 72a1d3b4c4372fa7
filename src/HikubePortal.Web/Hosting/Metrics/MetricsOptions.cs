using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Web.Hosting.Metrics;

/// <summary>
/// The Prometheus scrape endpoint (section <c>Metrics</c>). Off unless <see cref="Port"/> is set: then <c>/metrics</c>
/// is served on that port only (all interfaces), never on the portal's public port, so the ingress never exposes it
/// and a NetworkPolicy can open it to the monitoring namespace alone.
/// </summary>
internal sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>TCP port of the metrics listener; empty: no metrics endpoint.</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>
    /// Meter names to export; empty: the portal's own meter and the ASP.NET Core, HttpClient and runtime
    /// instrumentation (see <see cref="MetricsEndpoint"/>).
    /// </summary>
    public IList<string> Meters { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Meters.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("Metrics:Meters has an empty entry.", [nameof(Meters)]);
        }
    }
}
