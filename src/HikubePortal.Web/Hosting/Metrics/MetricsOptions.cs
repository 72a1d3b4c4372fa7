using System.ComponentModel.DataAnnotations;
using HikubePortal.Application.Common;

namespace HikubePortal.Web.Hosting.Metrics;

/// <summary>
/// The Prometheus scrape endpoint (section <c>Metrics</c>). Off unless <see cref="Port"/> is set: then <c>/metrics</c>
/// is served on that port only (all interfaces), never on the portal's public port, so the ingress never exposes it
/// and a NetworkPolicy can open it to the monitoring namespace alone.
/// </summary>
internal sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>The meters exported when <see cref="Meters"/> is empty.</summary>
    public static readonly IReadOnlyList<string> DefaultMeters =
    [
        PortalMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "System.Runtime",
    ];

    /// <summary>TCP port of the metrics listener; empty: no metrics endpoint.</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>Meter names to export; empty: <see cref="DefaultMeters"/>.</summary>
    public IList<string> Meters { get; } = [];

    public IReadOnlyList<string> EffectiveMeters => Meters.Count > 0 ? [.. Meters] : DefaultMeters;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Meters.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("Metrics:Meters has an empty entry.", [nameof(Meters)]);
        }
    }
}
