using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace HikubePortal.Web.Hosting.Metrics;

/// <summary>
/// Listens to the instruments of the chosen meters (<see cref="MeterListener"/>) and writes their current values in
/// the Prometheus text exposition format (version 0.0.4): counters (<c>_total</c>), up-down counters and gauges
/// (<c>gauge</c>), histograms (cumulative <c>_bucket</c> series with <c>le</c>, <c>_sum</c>, <c>_count</c>), observable
/// instruments read at each scrape. Series are keyed by their sorted labels; instruments of the same name from several
/// meter instances (one per host) add up into one family.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>The text format's content type.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    // OpenTelemetry's default boundaries, and the ones it recommends for durations in seconds.
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly HashSet<string> _meters;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<string, Family> _families = new(StringComparer.Ordinal);
    private readonly Lock _scrape = new();

    public PrometheusExporter(IEnumerable<string> meterNames)
    {
        _meters = new HashSet<string>(meterNames, StringComparer.Ordinal);
        _listener = new MeterListener { InstrumentPublished = Publish };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((Sink)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((Sink)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, state) => ((Sink)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, state) => ((Sink)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((Sink)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((Sink)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, state) => ((Sink)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>The meters whose instruments are exported.</summary>
    public IReadOnlyCollection<string> Meters => _meters;

    /// <summary>Reads the observable instruments and writes every family that has at least one series.</summary>
    public string Collect()
    {
        lock (_scrape)
        {
            foreach (var family in _families.Values.Where(f => f.Observable))
            {
                family.Clear();
            }
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.Write(text);
            }
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Publish(Instrument instrument, MeterListener listener)
    {
        if (!_meters.Contains(instrument.Meter.Name) || KindOf(instrument) is not { } found)
        {
            return;
        }
        var (kind, set, observable) = found;
        var name = PrometheusNames.Metric(instrument.Name, instrument.Unit, kind == MetricKind.Counter);
        var family = _families.GetOrAdd(name, _ => new Family(name, kind, instrument.Description, Boundaries(instrument)));
        if (family.Kind != kind)
        {
            return; // Two instruments of different kinds map to one name: the first keeps it.
        }
        family.Observable |= observable;
        listener.EnableMeasurementEvents(instrument, new Sink(family, set));
    }

    private static (MetricKind Kind, bool Set, bool Observable)? KindOf(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }
        var type = instrument.GetType().GetGenericTypeDefinition();
        return type switch
        {
            _ when type == typeof(Counter<>) => (MetricKind.Counter, false, false),
            _ when type == typeof(ObservableCounter<>) => (MetricKind.Counter, true, true),
            _ when type == typeof(UpDownCounter<>) => (MetricKind.Gauge, false, false),
            _ when type == typeof(ObservableUpDownCounter<>) => (MetricKind.Gauge, true, true),
            _ when type == typeof(Gauge<>) => (MetricKind.Gauge, true, false),
            _ when type == typeof(ObservableGauge<>) => (MetricKind.Gauge, true, true),
            _ when type == typeof(Histogram<>) => (MetricKind.Histogram, false, false),
            _ => null,
        };
    }

    private static double[] Boundaries(Instrument instrument)
    {
        var advised = instrument switch
        {
            Instrument<double> d => d.Advice?.HistogramBucketBoundaries?.ToArray(),
            Instrument<float> f => f.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Instrument<long> l => l.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        if (advised is { Length: > 0 })
        {
            Array.Sort(advised);
            return advised;
        }
        return instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets;
    }

    /// <summary>A number as the format writes it: shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    internal static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private enum MetricKind
    {
        Counter,
        Gauge,
        Histogram,
    }

    /// <summary>Where one instrument's measurements go: its family, added up or set.</summary>
    private sealed class Sink(Family family, bool set)
    {
        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => family.Record(value, tags, set);
    }

    private sealed class Family(string name, MetricKind kind, string? description, double[] boundaries)
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

        public string Name { get; } = name;

        public MetricKind Kind { get; } = kind;

        public bool Observable { get; set; }

        public void Clear() => _series.Clear();

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, bool set)
        {
            if (double.IsNaN(value))
            {
                return;
            }
            var series = _series.GetOrAdd(Labels(tags), _ => new Series(Kind == MetricKind.Histogram ? boundaries.Length + 1 : 0));
            lock (series)
            {
                if (Kind == MetricKind.Histogram)
                {
                    var bucket = Array.BinarySearch(boundaries, value);
                    // Bucket i counts values <= boundaries[i] (le is inclusive); past the last boundary: +Inf.
                    series.Buckets[bucket >= 0 ? bucket : ~bucket]++;
                    series.Sum += value;
                    series.Count++;
                }
                else if (set)
                {
                    series.Value = value;
                }
                else
                {
                    series.Value += value;
                }
            }
        }

        public void Write(StringBuilder text)
        {
            var all = _series.ToArray();
            if (all.Length == 0)
            {
                return;
            }
            Array.Sort(all, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            if (!string.IsNullOrEmpty(description))
            {
                text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusNames.EscapeHelp(description)).Append('\n');
            }
            text.Append("# TYPE ").Append(Name).Append(' ').Append(Kind switch
            {
                MetricKind.Counter => "counter",
                MetricKind.Histogram => "histogram",
                _ => "gauge",
            }).Append('\n');
            foreach (var (labels, series) in all)
            {
                lock (series)
                {
                    if (Kind == MetricKind.Histogram)
                    {
                        WriteHistogram(text, labels, series);
                    }
                    else
                    {
                        Sample(text, Name, labels, null, series.Value);
                    }
                }
            }
        }

        private void WriteHistogram(StringBuilder text, string labels, Series series)
        {
            long cumulative = 0;
            for (var i = 0; i < boundaries.Length; i++)
            {
                cumulative += series.Buckets[i];
                Sample(text, Name + "_bucket", labels, Format(boundaries[i]), cumulative);
            }
            Sample(text, Name + "_bucket", labels, "+Inf", series.Count);
            Sample(text, Name + "_sum", labels, null, series.Sum);
            Sample(text, Name + "_count", labels, null, series.Count);
        }

        private static void Sample(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? ",le=\"" : "le=\"").Append(le).Append('"');
                }
                text.Append('}');
            }
            text.Append(' ').Append(Format(value)).Append('\n');
        }

        // name="value" pairs sorted by name: the series key and the text between the braces.
        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0)
            {
                return "";
            }
            var pairs = new (string Name, string Value)[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                pairs[i] = (PrometheusNames.Label(tags[i].Key), TagValue(tags[i].Value));
            }
            Array.Sort(pairs, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            var text = new StringBuilder();
            foreach (var (label, value) in pairs)
            {
                if (text.Length > 0)
                {
                    text.Append(',');
                }
                text.Append(label).Append("=\"").Append(PrometheusNames.EscapeLabelValue(value)).Append('"');
            }
            return text.ToString();
        }

        private static string TagValue(object? value) => value switch
        {
            null => "",
            string s => s,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    private sealed class Series(int buckets)
    {
        public double Value { get; set; }

        public long[] Buckets { get; } = new long[buckets];

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
