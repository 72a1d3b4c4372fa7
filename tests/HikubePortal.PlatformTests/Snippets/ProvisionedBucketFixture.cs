using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HikubePortal.Application.Credentials;
using HikubePortal.Testing;

namespace HikubePortal.PlatformTests.Snippets;

/// <summary>
/// A Bucket created the way a tenant creates one (a <c>Bucket</c> resource in a tenant namespace),
/// provisioned by the platform, with the credentials of its read-write user <c>admin</c> read back
/// from the <c>bucket-NAME-admin-credentials</c> Secret, as the portal shows them.
/// </summary>
public sealed class ProvisionedBucketFixture : IAsyncLifetime
{
    private readonly string _namespace = LocalPlatform.UniqueName("tenant-snip");

    public string Name { get; } = LocalPlatform.UniqueName("snip");

    public ConnectionDetails Details { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await KubectlAsync($"create namespace {_namespace}");
        var bucket = new
        {
            apiVersion = "apps.cozystack.io/v1alpha1",
            kind = "Bucket",
            metadata = new { name = Name, @namespace = _namespace },
            spec = new { users = new Dictionary<string, object> { ["admin"] = new { } } },
        };
        await KubectlAsync("apply -f -", JsonSerializer.Serialize(bucket));
        await KubectlAsync($"-n {_namespace} wait --for=condition=Ready --timeout=90s bucket/{Name}");

        var secretName = $"bucket-{Name}-admin-credentials";
        string json = "";
        for (var attempt = 0; attempt < 60 && json.Length == 0; attempt++)
        {
            try
            {
                json = await KubectlAsync($"-n {_namespace} get secret {secretName} -o json");
            }
            catch (InvalidOperationException) when (attempt < 59)
            {
                await Task.Delay(500);
            }
        }

        using var secret = JsonDocument.Parse(json);
        var data = secret.RootElement.GetProperty("data");
        string Field(string key) => Encoding.UTF8.GetString(Convert.FromBase64String(data.GetProperty(key).GetString()!));
        var endpoint = Field("endpoint");
        // The platform strips the scheme (Cozystack >= 1.1): the local radosgw speaks plain HTTP.
        var scheme = new Uri(LocalPlatform.Current.S3Endpoint).Scheme;
        Details = new ConnectionDetails(
            $"hikube-{Name}", new Uri($"{scheme}://{endpoint}"), "us-east-1", Field("bucketName"), Field("accessKey"), Field("secretKey"));
    }

    public async Task DisposeAsync() => await KubectlAsync($"delete namespace {_namespace} --wait=false");

    private static async Task<string> KubectlAsync(string arguments, string? input = null)
    {
        var start = new ProcessStartInfo("kubectl", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KUBECONFIG"] = LocalPlatform.Current.AdminKubeconfig;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"kubectl {arguments}: {error}");
    }
}
