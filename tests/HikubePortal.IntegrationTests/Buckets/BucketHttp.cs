using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>The bucket pages over HTTP (the create form, prerendered pages) and the credentials the platform wrote.</summary>
public static class BucketHttp
{
    /// <summary>Fills and posts the create form (a static form); answers the response (302 to the bucket page on success).</summary>
    public static Task<HttpResponseMessage> PostCreateFormAsync(this HttpClient client, string tenant, string name, params (string Name, bool ReadOnly)[] users)
    {
        var fields = new Dictionary<string, string> { ["Input.Name"] = name };
        for (var i = 0; i < users.Length; i++)
        {
            fields[$"Input.Users[{i}].Name"] = users[i].Name;
            if (users[i].ReadOnly)
            {
                fields[$"Input.Users[{i}].ReadOnly"] = "true";
            }
        }
        return client.PostFormAsync($"/t/{tenant}/buckets/new", "create-bucket", fields);
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
}
