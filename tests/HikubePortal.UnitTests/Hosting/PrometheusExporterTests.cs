using System.Diagnostics.Metrics;
using HikubePortal.Web.Hosting.Metrics;

namespace HikubePortal.UnitTests.Hosting;

public sealed class PrometheusExporterTests : IDisposable
{
    // A meter name of the test's own: measurements of other tests never show up in its exposition.
    private readonly string _meterName = "Test.Prometheus." + Guid.NewGuid().ToString("N");
    private readonly Meter _meter;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _meter = new Meter(_meterName);
        _exporter = new PrometheusExporter([_meterName]);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void A_counter_is_a_total_with_help_type_and_one_line_per_label_set()
    {
        var counter = _meter.CreateCounter<long>("portal.storage.operations", "{operation}", "S3 calls.");
        counter.Add(2, Tag("operation", "GetObject"), Tag("outcome", "ok"));
        counter.Add(3, Tag("outcome", "ok"), Tag("operation", "GetObject"));
        counter.Add(1, Tag("operation", "PutObject"), Tag("outcome", "Forbidden"));

        Assert.Equal(
            """
            # HELP portal_storage_operations_total S3 calls.
            # TYPE portal_storage_operations_total counter
            portal_storage_operations_total{operation="GetObject",outcome="ok"} 5
            portal_storage_operations_total{operation="PutObject",outcome="Forbidden"} 1

            """.ReplaceLineEndings("\n"),
            _exporter.Collect());
    }

    [Fact]
    public void A_histogram_writes_cumulative_buckets_with_inclusive_upper_bounds_then_sum_and_count()
    {
        var histogram = _meter.CreateHistogram("request.duration", "s", "How long.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });
        foreach (var value in new[] { 0.05, 0.1, 0.5, 20 })
        {
            histogram.Record(value, Tag("method", "GET"));
        }

        Assert.Equal(
            """
            # HELP request_duration_seconds How long.
            # TYPE request_duration_seconds histogram
            request_duration_seconds_bucket{method="GET",le="0.1"} 2
            request_duration_seconds_bucket{method="GET",le="1"} 3
            request_duration_seconds_bucket{method="GET",le="10"} 3
            request_duration_seconds_bucket{method="GET",le="+Inf"} 4
            request_duration_seconds_sum{method="GET"} 20.65
            request_duration_seconds_count{method="GET"} 4

            """.ReplaceLineEndings("\n"),
            _exporter.Collect());
    }

    [Fact]
    public void A_histogram_without_advice_in_seconds_gets_the_usual_duration_buckets()
    {
        _meter.CreateHistogram<double>("work", "s").Record(0.3);

        var text = _exporter.Collect();

        Assert.Contains("work_seconds_bucket{le=\"0.005\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("work_seconds_bucket{le=\"0.5\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("work_seconds_bucket{le=\"10\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("work_seconds_count 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("# HELP work", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_down_counters_are_gauges_that_add_up_and_can_go_down()
    {
        var clients = _meter.CreateUpDownCounter<int>("cached.clients", "{client}");
        clients.Add(3);
        clients.Add(-1);

        Assert.Equal("# TYPE cached_clients gauge\ncached_clients 2\n", _exporter.Collect());
    }

    [Fact]
    public void Observable_instruments_are_read_at_each_scrape_and_series_no_longer_reported_disappear()
    {
        var queues = new Dictionary<string, int> { ["a"] = 4, ["b"] = 7 };
        _meter.CreateObservableGauge("queue.length", () => queues.Select(q => new Measurement<int>(q.Value, Tag("queue", q.Key))));
        var ticks = 0L;
        _meter.CreateObservableCounter("ticks", () => ticks += 10, "{tick}", "Ticks so far.");

        var first = _exporter.Collect();
        queues.Remove("a");
        queues["b"] = 1;
        var second = _exporter.Collect();

        Assert.Contains("queue_length{queue=\"a\"} 4\nqueue_length{queue=\"b\"} 7\n", first, StringComparison.Ordinal);
        Assert.Contains("ticks_total 10\n", first, StringComparison.Ordinal);
        Assert.DoesNotContain("queue=\"a\"", second, StringComparison.Ordinal);
        Assert.Contains("queue_length{queue=\"b\"} 1\n", second, StringComparison.Ordinal);
        Assert.Contains("# TYPE ticks_total counter\nticks_total 20\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_values_are_escaped_and_names_sanitised()
    {
        var counter = _meter.CreateCounter<long>("9weird-name.with spaces", null, "Line one\nback\\slash");
        counter.Add(1, Tag("http.route", "a\"b\\c\nd"), Tag("1st", "x"));

        Assert.Equal(
            "# HELP _9weird_name_with_spaces_total Line one\\nback\\\\slash\n"
            + "# TYPE _9weird_name_with_spaces_total counter\n"
            + "_9weird_name_with_spaces_total{_1st=\"x\",http_route=\"a\\\"b\\\\c\\nd\"} 1\n",
            _exporter.Collect());
    }

    [Fact]
    public void Instruments_of_the_same_name_from_several_meter_instances_add_up()
    {
        using var second = new Meter(_meterName);
        _meter.CreateCounter<long>("requests").Add(2);
        second.CreateCounter<long>("requests").Add(5);

        Assert.Equal("# TYPE requests_total counter\nrequests_total 7\n", _exporter.Collect());
    }

    [Fact]
    public void Meters_not_chosen_are_not_exported_and_unused_instruments_write_nothing()
    {
        using var other = new Meter("Test.Prometheus.Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("elsewhere").Add(1);
        _meter.CreateCounter<long>("never.used");

        Assert.Equal("", _exporter.Collect());
    }

    [Fact]
    public void Tag_values_of_any_type_are_written_invariantly()
    {
        var counter = _meter.CreateCounter<double>("mixed");
        counter.Add(1.5, Tag("code", 404), Tag("ok", false), Tag("ratio", 0.25), Tag("none", null));

        Assert.Equal("# TYPE mixed_total counter\nmixed_total{code=\"404\",none=\"\",ok=\"false\",ratio=\"0.25\"} 1.5\n", _exporter.Collect());
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(-0.5, "-0.5")]
    public void Numbers_are_written_as_the_format_reads_them(double value, string expected) =>
        Assert.Equal(expected, PrometheusExporter.Format(value));

    [Theory]
    [InlineData("http.server.request.duration", "s", false, "http_server_request_duration_seconds")]
    [InlineData("http.server.active_requests", "{request}", false, "http_server_active_requests")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", true, "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("hikube_portal.sign_ins", "{sign_in}", true, "hikube_portal_sign_ins_total")]
    [InlineData("jobs_total", null, true, "jobs_total")]
    [InlineData("latency_seconds", "s", false, "latency_seconds")]
    [InlineData("ns:metric", "1", false, "ns:metric")]
    [InlineData("size", "kB/s", false, "size_kB_s")]
    public void Metric_names_follow_the_OpenTelemetry_to_Prometheus_rules(string name, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusNames.Metric(name, unit, counter));

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
