using System.Net;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.IntegrationTests.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HikubePortal.IntegrationTests.Hosting;

/// <summary>Every log line the portal writes while it signs uploads, at Trace level: no signature, no key, no secret.</summary>
public sealed class SecretFreeLogTests
{
    [Fact]
    public async Task Signing_uploads_and_revealing_nothing_leaves_no_presigned_url_or_secret_in_the_logs()
    {
        await using var portal = new UploadPortal();
        portal.Settings["Logging:LogLevel:Default"] = "Trace";
        await portal.InitializeAsync();
        try
        {
            using var logs = new LogCapture();
            portal.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
            using var client = await portal.SignedInAsync(portal.UseEmail);
            var api = await UploadApi.OpenAsync(client, portal.Tenant, portal.Files);

            var single = await api.OkAsync("/put", new { prefix = "logs/", path = "one.bin", size = 10 });
            var started = await api.OkAsync("/multipart", new { prefix = "logs/", path = "big.bin", size = 20 * 1024 * 1024, contentType = "application/octet-stream" });
            var key = started.GetProperty("key").GetString()!;
            var uploadId = started.GetProperty("uploadId").GetString()!;
            var parts = await api.OkAsync("/multipart/parts", new { key, uploadId, parts = new[] { 1, 2 } });
            var (aborted, _) = await api.PostAsync("/multipart/abort", new { key, uploadId });

            var urls = parts.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("url").GetString()!)
                .Append(single.GetProperty("url").GetString()!).ToList();
            Assert.All(urls, url => Assert.Contains("X-Amz-Signature=", url, StringComparison.Ordinal));
            Assert.True(aborted.IsSuccessStatusCode || aborted.StatusCode == HttpStatusCode.NoContent, $"abort answered {(int)aborted.StatusCode}");
            var signatures = urls.Select(url => url.Split("X-Amz-Signature=")[1].Split('&')[0]).ToList();
            var text = string.Join("\n", logs.Lines.Select(l => $"{l.Message} {l.Exception} {string.Join(' ', l.Scopes.Select(s => s.Value))}"));
            Assert.NotEmpty(logs.Lines);
            Assert.DoesNotContain("X-Amz-Signature", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("X-Amz-Credential", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(portal.Keys.SecretKey, text, StringComparison.Ordinal);
            Assert.All(signatures, signature => Assert.DoesNotContain(signature, text, StringComparison.Ordinal));
            Assert.DoesNotContain(PortalFactory.Password, text, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)portal).DisposeAsync();
        }
    }
}
