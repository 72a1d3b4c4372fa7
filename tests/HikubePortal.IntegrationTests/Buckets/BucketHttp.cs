using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HikubePortal.Application.Buckets;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>What a person does on the bucket pages: over HTTP, or through the services an interactive page calls.</summary>
public static class BucketHttp
{
    /// <summary>
    /// Creates a bucket as <paramref name="user"/> the way the (interactive) create page does: through
    /// <see cref="IBucketService.CreateAsync"/>, which checks the user's role in the tenant itself.
    /// </summary>
    public static Task<BucketDetails> CreateBucketAsync(this PortalFactory portal, TestUser user, string tenant, string name, params (string Name, bool ReadOnly)[] users)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var request = new NewBucket(name, [.. users.Select(u => new BucketUserView(u.Name, u.ReadOnly))]);
        return portal.AsUserAsync(user, services => services.GetRequiredService<IBucketService>().CreateAsync(tenant, request, CancellationToken.None));
    }

    /// <summary>Reloads the bucket page until the status chip by its title shows <paramref name="phase"/>.</summary>
    public static async Task<IDocument> WaitForPhaseAsync(this HttpClient client, string tenant, string name, BucketPhase phase, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var (response, page) = await client.GetPageAsync($"/t/{tenant}/buckets/{name}");
            var shown = page.QuerySelector("[data-bucket-phase]")?.GetAttribute("data-bucket-phase");
            if (response.StatusCode == HttpStatusCode.OK && shown == phase.ToString())
            {
                return page;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Bucket {name} shows {shown ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}, not {phase}, after {seconds} s");
            }
            await Task.Delay(300);
        }
    }

    /// <summary>A user's credentials Secret as the platform wrote it (cluster admin), or null.</summary>
    public static async Task<(string AccessKey, string SecretKey)?> PlatformCredentialsAsync(string ns, string bucket, string user)
    {
        var secret = await Cluster.Admin.FindSecretAsync(ns, BucketNames.CredentialsSecretName(bucket, user));
        return secret is null ? null : (secret.GetString("accessKey")!, secret.GetString("secretKey")!);
    }

    /// <summary>Waits for a user's credentials Secret (optionally: with an access key other than <paramref name="not"/>).</summary>
    public static async Task<(string AccessKey, string SecretKey)> WaitForCredentialsAsync(string ns, string bucket, string user, string? not = null, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await PlatformCredentialsAsync(ns, bucket, user) is { } found && found.AccessKey != not)
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No (new) credentials for {bucket}/{user} after {seconds} s");
            }
            await Task.Delay(300);
        }
    }

    /// <summary>The form whose hidden <c>_handler</c> is <paramref name="name"/>, or null.</summary>
    public static IHtmlFormElement? NamedForm(this IDocument page, string name) =>
        page.QuerySelectorAll<IHtmlFormElement>("form")
            .FirstOrDefault(f => f.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value == name);

    /// <summary>The form posting to <paramref name="action"/> (path, query ignored), or null.</summary>
    public static IHtmlFormElement? FormTo(this IDocument page, string action) =>
        page.QuerySelectorAll<IHtmlFormElement>("form")
            .FirstOrDefault(f => (f.GetAttribute("action") ?? string.Empty).Split('?')[0] == action);

    /// <summary>Any antiforgery token of the page (every signed-in page has the sign-out form).</summary>
    public static string AntiforgeryToken(this IDocument page) =>
        page.QuerySelector<IHtmlInputElement>($"input[name={PortalHttp.AntiforgeryField}]")?.Value
        ?? throw new InvalidOperationException("No antiforgery token on the page");

    /// <summary>The redirect target as a local path and query (the portal may answer an absolute URL).</summary>
    public static string? LocalLocation(this HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery
        : location.OriginalString;

    /// <summary>The response's HTML, parsed.</summary>
    public static async Task<IDocument> PageAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
    }

    /// <summary>POSTs only the antiforgery token to <paramref name="url"/>.</summary>
    public static Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string url, string token, IDictionary<string, string>? fields = null)
    {
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { [PortalHttp.AntiforgeryField] = token };
        return client.PostAsync(url, new FormUrlEncodedContent(values));
    }
}
