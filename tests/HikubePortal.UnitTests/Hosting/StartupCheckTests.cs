using HikubePortal.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace HikubePortal.UnitTests.Hosting;

/// <summary>The portal's real composition, built with one bad setting at a time: each names itself, in plain words.</summary>
public sealed class StartupCheckTests : IDisposable
{
    private const string Kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
          - name: c
            cluster: { server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true }
        users:
          - name: u
            user: { token: "not-a-real-token" }
        contexts:
          - name: ctx
            context: { cluster: c, user: u }
        current-context: ctx
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("startup-check-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Good_settings_have_no_problem() => Assert.Empty(await ProblemsAsync());

    [Theory]
    [InlineData("ConnectionStrings:Portal", "", "ConnectionStrings:Portal is not set: the Npgsql connection string")]
    [InlineData("ConnectionStrings:Portal", "Host=db;Colour=blue", "ConnectionStrings:Portal is not a valid Npgsql connection string")]
    [InlineData("ConnectionStrings:Portal", "Database=portal;Username=hikube", "ConnectionStrings:Portal names no Host")]
    [InlineData("Kubernetes:Kubeconfig", "/no/such/kubeconfig", "Kubernetes:Kubeconfig names a file that does not exist")]
    [InlineData("Kubernetes:RequestTimeout", "00:00:00", "Kubernetes:RequestTimeout: The field RequestTimeout must be between")]
    [InlineData("Kubernetes:RequestTimeout", "soon", "Kubernetes:RequestTimeout: not a duration (hh:mm:ss, or d.hh:mm:ss; e.g. 00:00:30) (is 'soon').")]
    [InlineData("Buckets:EndpointScheme", "ftp", "Buckets:EndpointScheme is http or https.")]
    [InlineData("Buckets:RotationTimeout", "99:00:00", "Buckets:RotationTimeout: The field RotationTimeout must be between")]
    [InlineData("Tenancy:InvitationLifetime", "00:00:01", "Tenancy:InvitationLifetime: The field InvitationLifetime must be between")]
    [InlineData("Security:ConnectSources:0", "https://s3.example.com; script-src *", "Security:ConnectSources:0 ('https://s3.example.com; script-src *') is not an origin")]
    [InlineData("Security:SignInPermitLimit", "0", "Security:SignInPermitLimit: The field SignInPermitLimit must be between 1 and 100000.")]
    [InlineData("ObjectStorage:MaxErrorRetry", "many", "ObjectStorage:MaxErrorRetry: not a whole number (is 'many').")]
    [InlineData("Storage:HealthEndpoint", "/relative", "Storage:HealthEndpoint must be an absolute http:// or https:// URL.")]
    [InlineData("Health:CheckTimeout", "00:05:00", "Health:CheckTimeout: The field CheckTimeout must be between")]
    [InlineData("Metrics:Port", "70000", "Metrics:Port: The field Port must be between 1 and 65535.")]
    [InlineData("Metrics:Port", "ninety", "Metrics:Port: not a whole number (is 'ninety').")]
    [InlineData("Shutdown:Timeout", "02:00:00", "Shutdown:Timeout: The field Timeout must be between")]
    [InlineData("Shutdown:DrainDelay", "00:01:00", "Shutdown:DrainDelay (00:01:00) must be shorter than Shutdown:Timeout (00:00:30)")]
    [InlineData("Identity:Password:RequiredLength", "4", "Identity:Password:RequiredLength must be between 8 and 128 (is 4).")]
    [InlineData("Identity:Lockout:MaxFailedAccessAttempts", "0", "Identity:Lockout:MaxFailedAccessAttempts must be between 1 and 100")]
    [InlineData("Logging:Console:FormatterName", "jsn", "Logging:Console:FormatterName must be json, simple or systemd (is 'jsn').")]
    public async Task Each_bad_setting_is_named_with_what_is_wrong(string key, string value, string expected)
    {
        var problems = await ProblemsAsync((key, value));

        var problem = Assert.Single(problems);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Oidc:Authority", "keycloak.example.com/realms/cozy", "Oidc:Authority is not an http(s) URL without query")]
    [InlineData("Oidc:Authority", "http://keycloak.example.com/realms/cozy", "Oidc:Authority is http: the provider must be reached over https")]
    [InlineData("Oidc:RequireHttpsMetadata", "false", "Oidc:RequireHttpsMetadata can be false only for a provider on loopback")]
    [InlineData("Oidc:RequireHttpsMetadata", "maybe", "Oidc:RequireHttpsMetadata: not true or false (is 'maybe').")]
    [InlineData("Oidc:ClientId", "", "Oidc:ClientId is not set")]
    [InlineData("Oidc:ClientSecret", "", "Oidc:ClientSecret is not set")]
    [InlineData("Oidc:DisplayName", "", "Oidc:DisplayName must be 1 to 64 characters")]
    [InlineData("Oidc:GroupsClaim", " ", "Oidc:GroupsClaim must name the claim")]
    [InlineData("Oidc:LocalAccounts", "no", "Oidc:LocalAccounts: not true or false (is 'no').")]
    public async Task Each_bad_single_sign_on_setting_is_named(string key, string value, string expected)
    {
        (string, string?)[] good =
        [
            ("Oidc:Authority", "https://keycloak.example.com/realms/cozy"),
            ("Oidc:ClientId", "hikube-portal"),
            ("Oidc:ClientSecret", "s3cret-never-shown"),
        ];

        Assert.Empty(await ProblemsAsync(good));
        var problem = Assert.Single(await ProblemsAsync([.. good.Where(g => g.Item1 != key), (key, value)]));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_authority_the_other_single_sign_on_settings_are_not_needed()
    {
        Assert.Empty(await ProblemsAsync(("Oidc:ClientId", "hikube-portal"), ("Oidc:RequireHttpsMetadata", "false")));
    }

    [Fact]
    public async Task Plain_http_is_accepted_for_a_loopback_provider_only_with_require_https_metadata_off()
    {
        Assert.Empty(await ProblemsAsync(
            ("Oidc:Authority", "http://127.0.0.1:28000"), ("Oidc:ClientId", "c"), ("Oidc:ClientSecret", "s"), ("Oidc:RequireHttpsMetadata", "false")));
    }

    [Fact]
    public async Task A_kubeconfig_that_is_not_yaml_is_named_with_the_line()
    {
        var file = Path.Combine(_directory, "broken");
        await File.WriteAllTextAsync(file, "apiVersion: v1\nclusters: [\n  - bad");

        var problem = Assert.Single(await ProblemsAsync(("Kubernetes:Kubeconfig", file)));

        Assert.Equal($"Kubernetes:Kubeconfig ({file}): kubeconfig is not valid YAML (line 3).", problem);
    }

    [Fact]
    public async Task A_connection_string_problem_never_shows_the_password()
    {
        var problems = await ProblemsAsync(("ConnectionStrings:Portal", "Host=db;Password=hunter2-secret;Sslmode=sometimes"));

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.DoesNotContain("hunter2", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_problem_is_listed_at_once_and_reported_with_exit_code_2()
    {
        var problems = await ProblemsAsync(
            ("ConnectionStrings:Portal", ""),
            ("Buckets:EndpointScheme", "ftp"),
            ("Metrics:Port", "0"),
            ("Shutdown:DrainDelay", "00:05:00"));
        using var error = new StringWriter();

        var exitCode = await StartupCheck.ReportAsync(problems, error);

        Assert.Equal(4, problems.Count);
        Assert.Equal(2, exitCode);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Hikube Portal cannot start: 4 settings are missing or wrong.", lines[0]);
        foreach (var key in new[] { "ConnectionStrings:Portal", "Buckets:EndpointScheme", "Metrics:Port", "Shutdown:DrainDelay" })
        {
            Assert.Single(lines, l => l.StartsWith("- " + key, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<string>> ProblemsAsync(params (string Key, string? Value)[] overrides)
    {
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, Kubeconfig);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Portal"] = "Host=127.0.0.1;Database=portal;Username=hikube",
            ["Kubernetes:Kubeconfig"] = kubeconfig,
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortal();
        await using var app = builder.Build();
        return StartupCheck.Problems(builder.Services, app.Services);
    }
}
