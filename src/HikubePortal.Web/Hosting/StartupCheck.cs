using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace HikubePortal.Web.Hosting;

/// <summary>
/// Validates every setting before the portal does anything: each options type that has a validator (data
/// annotations, <c>Validate</c> rules, the portal's own checks of the connection string and kubeconfig) is built once,
/// and all failures are collected, so one start-up names every missing or wrong setting, not just the first.
/// The <c>migrate</c> verb checks only what it uses (the connection string and the log format).
/// </summary>
internal static partial class StartupCheck
{
    /// <summary>The exit code of a start refused for configuration.</summary>
    public const int ExitCode = 2;

    private static readonly MethodInfo BuildMethod =
        typeof(StartupCheck).GetMethod(nameof(Build), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The problems, one line each (<c>Section:Key: what is wrong</c>); empty when every setting is usable.</summary>
    public static IReadOnlyList<string> Problems(IServiceCollection services, IServiceProvider provider, string? verb = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionTypes = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .Where(t => NeededBy(verb, t))
            .Distinct()
            .OrderBy(t => SectionOf(t), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var type in optionTypes)
        {
            try
            {
                BuildMethod.MakeGenericMethod(type).Invoke(null, [provider]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is OptionsValidationException invalid)
            {
                problems.AddRange(invalid.Failures.Select(f => Describe(f, SectionOf(type))));
            }
            catch (TargetInvocationException ex) when (ex.InnerException is InvalidOperationException or FormatException)
            {
                problems.Add(Describe(ex.InnerException!.Message, SectionOf(type)));
            }
        }
        if (LogFormatProblem(provider.GetRequiredService<IConfiguration>()) is { } logFormat)
        {
            problems.Add(logFormat);
        }
        // One cause can surface twice (an options class and a service that needs the same setting): keep the fuller words.
        return problems
            .Distinct(StringComparer.Ordinal)
            .Where(p => !problems.Any(other => other.Length > p.Length && other.StartsWith(p.TrimEnd('.'), StringComparison.Ordinal)))
            .ToList();
    }

    // Checked on the raw setting: the logger is built with the host, and an unknown formatter would fall back silently.
    private static string? LogFormatProblem(IConfiguration configuration)
    {
        var name = configuration["Logging:Console:FormatterName"];
        return string.IsNullOrEmpty(name) || name.ToLowerInvariant() is ConsoleFormatterNames.Json or ConsoleFormatterNames.Simple or ConsoleFormatterNames.Systemd
            ? null
            : $"Logging:Console:FormatterName must be json, simple or systemd (is '{name}').";
    }

    // `migrate` needs the database only: a migration Job has no Kubernetes credentials (and needs none).
    private static bool NeededBy(string? verb, Type optionsType) =>
        verb != "migrate" || optionsType == typeof(ConnectionStringsOptions);

    /// <summary>Writes the problems to standard error in plain words and returns <see cref="ExitCode"/>.</summary>
    public static async Task<int> ReportAsync(IReadOnlyList<string> problems, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(error);
        await error.WriteLineAsync(problems.Count == 1
            ? "Hikube Portal cannot start: 1 setting is missing or wrong."
            : $"Hikube Portal cannot start: {problems.Count} settings are missing or wrong.");
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"  - {problem}");
        }
        await error.WriteLineAsync("Settings come from appsettings.json, environment variables (Section__Key) and --Section:Key=value arguments; see the README, section Configuration.");
        return ExitCode;
    }

    /// <summary>True for the failures of building the host that come from configuration (reported like the others).</summary>
    public static bool IsConfigurationError(Exception exception) =>
        exception is OptionsValidationException or InvalidOperationException or FormatException;

    /// <summary>Framework wording made readable: <c>Section:Key: what is wrong</c>.</summary>
    internal static string Describe(string failure, string section)
    {
        if (DataAnnotationFailure().Match(failure) is { Success: true } annotation)
        {
            var error = annotation.Groups["error"].Value;
            var member = annotation.Groups["members"].Value.Split(',')[0];
            return error.Contains(section + ":", StringComparison.Ordinal) ? error : $"{section}:{member}: {error}";
        }
        if (BindingFailure().Match(failure) is { Success: true } binding)
        {
            var value = binding.Groups["value"].Success ? $" (is '{binding.Groups["value"].Value}')" : "";
            return $"{binding.Groups["path"].Value}: not {Expected(binding.Groups["type"].Value)}{value}.";
        }
        return failure;
    }

    private static string Expected(string type) => type switch
    {
        "System.TimeSpan" => "a duration (hh:mm:ss, or d.hh:mm:ss; e.g. 00:00:30)",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        "System.Uri" => "a URL",
        _ when type.StartsWith("System.Nullable`1[[System.Int32", StringComparison.Ordinal) => "a whole number",
        _ => $"a valid {type}",
    };

    private static void Build<T>(IServiceProvider provider) where T : class =>
        _ = provider.GetRequiredService<IOptionsMonitor<T>>().Get(Options.DefaultName);

    // The configuration section of an options type: its Section (or SectionName) constant, else its name.
    private static string SectionOf(Type type) =>
        (type.GetField("Section", BindingFlags.Public | BindingFlags.Static)
            ?? type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static))?.GetRawConstantValue() as string
        ?? type.Name switch
        {
            "IdentityOptions" => "Identity",
            var name => name.EndsWith("Options", StringComparison.Ordinal) ? name[..^"Options".Length] : name,
        };

    [GeneratedRegex(@"^DataAnnotation validation failed for '(?<type>[^']*)' members: '(?<members>[^']*)' with the error: '(?<error>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^Failed to convert configuration value (?:'(?<value>[^']*)' )?at '(?<path>[^']*)' to type '(?<type>[^']*)'\.")]
    private static partial Regex BindingFailure();
}
