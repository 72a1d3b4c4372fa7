using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace HikubePortal.Web.Hosting;

/// <summary>Settings of the HTTP security layer (section <c>Security</c>).</summary>
internal sealed partial class SecurityOptions : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>Extra origins the browser may connect to (CSP <c>connect-src</c>), e.g. the public S3 endpoint for uploads.</summary>
    public IList<string> ConnectSources { get; } = [];

    /// <summary>Sign-in posts allowed per client address per <see cref="SignInWindow"/>.</summary>
    [Range(1, 100_000)]
    public int SignInPermitLimit { get; set; } = 10;

    /// <summary>
    /// Sign-in posts allowed per account (the email typed) per <see cref="SignInWindow"/>, from all addresses together:
    /// the limit a guesser spread over many machines meets.
    /// </summary>
    [Range(1, 100_000)]
    public int SignInAccountPermitLimit { get; set; } = 10;

    /// <summary>The window of <see cref="SignInPermitLimit"/> and <see cref="SignInAccountPermitLimit"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a sign-in lasts without activity (sliding).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often a session is checked against the account (disabled, password changed).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SessionRevalidation { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an open interactive page checks its session against the account (at most 30 s by default).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan CircuitRevalidation { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < ConnectSources.Count; i++)
        {
            // Each entry lands in the CSP header as is: only an origin, nothing that could end or extend the directive.
            if (ConnectSources[i] is not { } source || !Origin().IsMatch(source))
            {
                yield return new ValidationResult(
                    $"Security:ConnectSources:{i} ('{ConnectSources[i]}') is not an origin like https://s3.example.com or https://*.example.com:8443.",
                    [nameof(ConnectSources)]);
            }
        }
    }

    [GeneratedRegex(@"^(https?|wss?)://((\*\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?/?$")]
    private static partial Regex Origin();
}
