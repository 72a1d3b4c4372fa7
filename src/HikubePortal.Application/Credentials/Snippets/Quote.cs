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

    /// <summary>A SQL string literal (DuckDB, standard SQL): single quotes, a quote inside doubled; backslashes are plain.</summary>
    public static string Sql(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// A value of a Java properties file (spark-defaults.conf): backslashes escaped, a leading space kept, and
    /// characters outside printable ASCII as \uXXXX.
    /// </summary>
    public static string Properties(string value)
    {
        var text = new System.Text.StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                ' ' when i == 0 => text.Append("\\ "),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                < ' ' or > '~' => text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }
        return text.ToString();
    }
}
