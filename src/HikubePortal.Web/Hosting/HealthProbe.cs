namespace HikubePortal.Web.Hosting;

/// <summary>
/// <c>dotnet HikubePortal.Web.dll healthcheck [URL]</c>: the container's HEALTHCHECK (the runtime image has no
/// curl). Asks the running portal's liveness endpoint <c>/healthz</c> (no backend is called: a database outage must not
/// get the container restarted) without building the web host; exit 0 when it answers 200. Pass another URL, e.g.
/// <c>http://127.0.0.1:8080/readyz</c>, to probe readiness instead.
/// </summary>
internal static class HealthProbe
{
    public const string Verb = "healthcheck";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : "http://127.0.0.1:8080/healthz";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            await Console.Out.WriteLineAsync($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"{url}: {ex.Message}");
            return 1;
        }
    }
}
