using System.Text.Json;

namespace HikubePortal.Application.Credentials.Snippets;

/// <summary>Quoting for the languages snippets are written in. Secrets may hold '/', '+', '=' and more.</summary>
internal static class Quote
{
    /// <summary>POSIX shell single quotes: nothing inside is interpreted.</summary>
    public static string Shell(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A JSON string literal, also valid in YAML, Python and C#.</summary>
    public static string Json(string value) => JsonSerializer.Serialize(value);

    /// <summary>A dotenv value: double quotes with backslash escapes (what docker and dotenv libraries read).</summary>
    public static string DotEnv(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("$", "\\$", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "\"";
}
