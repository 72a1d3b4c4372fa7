using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Web.Health;

/// <summary>Settings of the readiness probe <c>/readyz</c> (section <c>Health</c>).</summary>
internal sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Time limit of each backend check; keep it below the probe's own timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
