using System.Text;

namespace HikubePortal.Web.Hosting.Metrics;

/// <summary>
/// Prometheus names from OpenTelemetry-style instrument names and units (<c>http.server.request.duration</c>, unit
/// <c>s</c>, becomes <c>http_server_request_duration_seconds</c>), and the text format's escaping rules.
/// </summary>
internal static class PrometheusNames
{
    /// <summary>The metric name: sanitised instrument name, the unit as a suffix, <c>_total</c> for counters.</summary>
    public static string Metric(string instrumentName, string? unit, bool counter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }
        if (counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }
        return name;
    }

    /// <summary>A label name: letters, digits and <c>_</c>, not starting with a digit.</summary>
    public static string Label(string tagName) => Sanitize(tagName, allowColon: false);

    /// <summary>A label value inside double quotes: <c>\</c>, <c>"</c> and line feeds escaped.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>HELP text: <c>\</c> and line feeds escaped.</summary>
    public static string EscapeHelp(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    // UCUM units as OpenTelemetry uses them; annotations ({request}) carry no unit.
    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => "",
        ['{', .., '}'] => "",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "min" => "minutes",
        "h" => "hours",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        _ => Sanitize(unit, allowColon: false).Trim('_'),
    };

    // Runs of characters the format does not allow become one '_'; a leading digit gets a '_' in front.
    private static string Sanitize(string name, bool allowColon)
    {
        var result = new StringBuilder(name.Length + 1);
        var replaced = false;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':'))
            {
                result.Append(c);
                replaced = false;
            }
            else if (!replaced)
            {
                result.Append('_');
                replaced = true;
            }
        }
        if (result.Length == 0 || char.IsAsciiDigit(result[0]))
        {
            result.Insert(0, '_');
        }
        return result.ToString();
    }
}
