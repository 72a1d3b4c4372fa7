using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Credentials.Snippets;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;

namespace HikubePortal.UnitTests.Credentials;

/// <summary>
/// The data tools' snippets (DuckDB, Spark, pandas) and "this bucket as code". No DuckDB, Spark, pandas or s3fs
/// client is installed here: the quoting is proven with real parsers of the same languages instead (SQLite for
/// the SQL string literal, Python for the Python source, the portal's own Kubernetes model for the YAML).
/// </summary>
public sealed partial class ConnectionSnippetsTests
{
    [Fact]
    public async Task DuckDb_secret_literal_gives_back_the_exact_secret_when_parsed_as_sql()
    {
        var sql = ConnectionSnippets.DuckDb(Production with { SecretKey = NastySecret }).Files[0].Content;

        var literal = SecretLiteral().Match(sql).Groups[1].Value;
        var parsed = await PythonAsync("import sqlite3, sys\nprint(sqlite3.connect(':memory:').execute('SELECT ' + sys.argv[1]).fetchone()[0], end='')", literal);

        Assert.Equal(NastySecret, parsed);
        Assert.Contains("ENDPOINT 'prod.s3.hikube.cloud',", sql, StringComparison.Ordinal);
        Assert.Contains("USE_SSL true,", sql, StringComparison.Ordinal);
        Assert.Contains("CREATE OR REPLACE SECRET hikube_backups_admin (", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void DuckDb_and_spark_follow_the_scheme_of_the_endpoint()
    {
        var local = Production with { Endpoint = new Uri("http://127.0.0.1:7480") };

        Assert.Contains("ENDPOINT '127.0.0.1:7480',", ConnectionSnippets.DuckDb(local).Files[0].Content, StringComparison.Ordinal);
        Assert.Contains("USE_SSL false,", ConnectionSnippets.DuckDb(local).Files[0].Content, StringComparison.Ordinal);
        Assert.Matches(@"fs\.s3a\.connection\.ssl\.enabled +false\n", ConnectionSnippets.Spark(local).Files[0].Content);
        Assert.Matches(@"fs\.s3a\.endpoint +http://127\.0\.0\.1:7480\n", ConnectionSnippets.Spark(local).Files[0].Content);
    }

    [Fact]
    public void Spark_properties_escape_what_a_java_properties_file_would_read_as_an_escape()
    {
        var conf = ConnectionSnippets.Spark(Production with { SecretKey = NastySecret }).Files[0].Content;

        var line = conf.Split('\n').Single(l => l.StartsWith("spark.hadoop.fs.s3a.secret.key", StringComparison.Ordinal));
        // Java's Properties.load reads "\\" as one backslash; every other character of this secret is taken as it is.
        Assert.EndsWith(" L1ZJy67a/2PKd+OmK=q'$HOME\"`x`\\\\n", line, StringComparison.Ordinal);
        Assert.Contains("spark.hadoop.fs.s3a.path.style.access         true\n", conf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pandas_snippet_runs_in_python_and_hands_s3fs_the_exact_keys()
    {
        var nasty = Production with { SecretKey = NastySecret };
        var dir = Directory.CreateTempSubdirectory("pandas-");
        try
        {
            // Stand-ins for pandas, pyarrow and s3fs (not installed here) that record what the snippet hands them.
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "pandas.py"), """
                calls = []
                class DataFrame:
                    def __init__(self, data): self.data = data
                    def to_csv(self, path, index=True, storage_options=None): calls.append(("to_csv", path, storage_options))
                def read_csv(path, storage_options=None):
                    calls.append(("read_csv", path, storage_options))
                    return "frame"
                """);
            Directory.CreateDirectory(Path.Combine(dir.FullName, "pyarrow"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "pyarrow", "__init__.py"), "");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "pyarrow", "parquet.py"), "def read_table(path, filesystem=None): return path\n");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "s3fs.py"), """
                made = []
                class S3FileSystem:
                    def __init__(self, **options): made.append(options)
                    def exists(self, path): return False
                """);
            var snippet = Path.Combine(dir.FullName, "snippet.py");
            await File.WriteAllTextAsync(snippet, ConnectionSnippets.Pandas(nasty).Files[0].Content);

            var output = await PythonAsync(
                "import json, runpy, sys\nsys.path.insert(0, sys.argv[2])\nrunpy.run_path(sys.argv[1])\nimport pandas, s3fs\n"
                + "print(json.dumps({'calls': pandas.calls, 's3fs': s3fs.made}))", snippet, dir.FullName);

            using var json = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
            var calls = json.RootElement.GetProperty("calls");
            Assert.Equal($"s3://{Production.BucketName}/pandas/answer.csv", calls[0][1].GetString());
            var options = calls[1][2];
            Assert.Equal(NastySecret, options.GetProperty("secret").GetString());
            Assert.Equal(Production.AccessKey, options.GetProperty("key").GetString());
            Assert.Equal("https://prod.s3.hikube.cloud", options.GetProperty("client_kwargs").GetProperty("endpoint_url").GetString());
            Assert.Equal("path", options.GetProperty("config_kwargs").GetProperty("s3").GetProperty("addressing_style").GetString());
            Assert.Equal(NastySecret, json.RootElement.GetProperty("s3fs")[0].GetProperty("secret").GetString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Bucket_as_code_yaml_reads_back_as_the_same_bucket_and_carries_no_key()
    {
        var bucket = new BucketSummary("backups", new BucketState(BucketPhase.Ready), [new("admin", false), new("viewer", true)], true, "ssd", Now);

        var snippet = BucketAsCode.Snippet("tenant-acme", bucket);
        var resource = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<YamlBucket>(snippet.Files[0].Content);

        Assert.Equal("apps.cozystack.io/v1alpha1", resource.apiVersion);
        Assert.Equal("Bucket", resource.kind);
        Assert.Equal("backups", resource.metadata["name"]);
        Assert.Equal("tenant-acme", resource.metadata["namespace"]);
        Assert.True(resource.spec.locking);
        Assert.Equal("ssd", resource.spec.storagePool);
        Assert.Empty(resource.spec.users["admin"]);
        Assert.True(resource.spec.users["viewer"]["readonly"]);
        var all = string.Concat(snippet.Files.Select(f => f.Content));
        Assert.DoesNotContain(Production.AccessKey, all, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", all, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Bucket_as_code_terraform_is_a_kubernetes_manifest_of_the_same_spec()
    {
        var bucket = new BucketSummary("my-backups", new BucketState(BucketPhase.Ready), [new("admin", false), new("viewer", true)], false, null, Now);

        var tf = BucketAsCode.Terraform("tenant-acme", bucket);

        Assert.StartsWith("resource \"kubernetes_manifest\" \"bucket_my_backups\" {\n  manifest = {\n", tf, StringComparison.Ordinal);
        Assert.Contains("apiVersion = \"apps.cozystack.io/v1alpha1\"\n", tf, StringComparison.Ordinal);
        Assert.Contains("kind       = \"Bucket\"\n", tf, StringComparison.Ordinal);
        Assert.Contains("name      = \"my-backups\"\n", tf, StringComparison.Ordinal);
        Assert.Contains("namespace = \"tenant-acme\"\n", tf, StringComparison.Ordinal);
        Assert.Contains("locking = false\n", tf, StringComparison.Ordinal);
        Assert.Contains("\"admin\"  = {}\n", tf, StringComparison.Ordinal);
        Assert.Contains("\"viewer\" = { readonly = true }\n", tf, StringComparison.Ordinal);
        Assert.DoesNotContain("storagePool", tf, StringComparison.Ordinal);
        Assert.Equal(tf.Count(c => c == '{'), tf.Count(c => c == '}'));
    }

    // The YAML as kubectl would read it: plain mappings (names as in the resource).
#pragma warning disable IDE1006, CA1812, CA2227
    private sealed class YamlBucket
    {
        public string apiVersion { get; set; } = "";
        public string kind { get; set; } = "";
        public Dictionary<string, string> metadata { get; set; } = [];
        public YamlSpec spec { get; set; } = new();
    }

    private sealed class YamlSpec
    {
        public bool locking { get; set; }
        public string? storagePool { get; set; }
        public Dictionary<string, Dictionary<string, bool>> users { get; set; } = [];
    }
#pragma warning restore IDE1006, CA1812, CA2227

    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static async Task<string> PythonAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3", ["-c", program, .. arguments]);
        var result = await ToolProcess.RunAsync(start, null, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output;
    }

    [GeneratedRegex(@"SECRET ('(?:[^']|'')*'),")]
    private static partial Regex SecretLiteral();
}
