using System.Globalization;

namespace HikubePortal.Bench;

/// <summary><c>--name value</c> pairs and <c>--flag</c> switches.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static BenchArguments Parse(IEnumerable<string> args)
    {
        var parsed = new BenchArguments();
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                pending = arg[2..];
                parsed._values[pending] = null;
            }
            else if (pending is not null)
            {
                parsed._values[pending] = arg;
                pending = null;
            }
        }
        return parsed;
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value) && value is not null ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public string? String(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public string Required(string name) =>
        String(name) ?? throw new ArgumentException($"--{name} is required.");

    public bool Flag(string name) => _values.ContainsKey(name);
}
