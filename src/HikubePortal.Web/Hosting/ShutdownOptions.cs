using System.ComponentModel.DataAnnotations;

namespace HikubePortal.Web.Hosting;

/// <summary>How the portal stops (section <c>Shutdown</c>).</summary>
internal sealed class ShutdownOptions : IValidatableObject
{
    public const string Section = "Shutdown";

    /// <summary>
    /// The whole stop: the drain delay plus the time in-flight requests (upload signing, streamed uploads and
    /// downloads) get to finish before they are cut. Keep the pod's <c>terminationGracePeriodSeconds</c> above it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After the stop signal, how long the portal keeps accepting requests while <c>/readyz</c> answers 503, so load
    /// balancers take it out of rotation before it stops listening.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DrainDelay >= Timeout)
        {
            yield return new ValidationResult(
                $"Shutdown:DrainDelay ({DrainDelay}) must be shorter than Shutdown:Timeout ({Timeout}), or in-flight requests get no time to finish.",
                [nameof(DrainDelay)]);
        }
    }
}
