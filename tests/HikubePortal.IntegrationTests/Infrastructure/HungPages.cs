using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using Xunit.Abstractions;

namespace HikubePortal.IntegrationTests.Infrastructure;

/// <summary>
/// The hung-dependency tests run alone: they time pages against a 5 s goal, which tests running beside them on a
/// small machine would make a measure of the machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HungDependencyGroup
{
    public const string Name = "hung dependencies";
}

/// <summary>Pages read while a dependency hangs (<see cref="Testing.TcpProxy.Hang"/>): timed, and waited for until they work again.</summary>
public static class HungPages
{
    /// <summary>A client signed in as <paramref name="email"/> that waits long enough to measure a page without deadlines.</summary>
    public static async Task<HttpClient> PatientClientAsync(this PortalFactory portal, string email)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var client = portal.CreateAnonymousClient();
        client.Timeout = TimeSpan.FromMinutes(7); // the object browser took 6 minutes before its deadline
        (await client.SignInAsync(email, PortalFactory.Password)).Dispose();
        return client;
    }

    /// <summary>GETs <paramref name="url"/> and says how long it took (in the test's output, as <paramref name="what"/>).</summary>
    public static async Task<(HttpResponseMessage Response, IDocument Page, TimeSpan Took)> GetTimedAsync(
        this HttpClient client, string url, ITestOutputHelper output, string what)
    {
        ArgumentNullException.ThrowIfNull(output);
        var watch = Stopwatch.StartNew();
        var (response, page) = await client.GetPageAsync(url);
        output.WriteLine($"{what}: HTTP {(int)response.StatusCode} after {watch.Elapsed.TotalSeconds:F1} s");
        return (response, page, watch.Elapsed);
    }

    /// <summary>
    /// The page answered <paramref name="status"/> within the goal (5 s), with <paramref name="words"/> in its alert and,
    /// when <paramref name="framed"/>, the portal's frame around it (the error page has none: the frame reads the database).
    /// </summary>
    public static void SaidInTime(
        (HttpResponseMessage Response, IDocument Page, TimeSpan Took) read, string words,
        HttpStatusCode status = HttpStatusCode.ServiceUnavailable, bool framed = true)
    {
        Assert.Equal(status, read.Response.StatusCode);
        Assert.Contains(words, read.Page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(framed, read.Page.QuerySelector("#portal-nav") is not null);
        Assert.DoesNotContain("Exception", read.Page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.InRange(read.Took, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    /// <summary>GETs <paramref name="url"/> until it answers 200 with what <paramref name="ready"/> looks for, within <paramref name="seconds"/>.</summary>
    public static async Task<IDocument> GetUntilBackAsync(
        this HttpClient client, string url, Func<IDocument, bool> ready, ITestOutputHelper output, string what, int seconds = 60)
    {
        ArgumentNullException.ThrowIfNull(ready);
        ArgumentNullException.ThrowIfNull(output);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (response, page) = await client.GetPageAsync(url);
            if (response.StatusCode == HttpStatusCode.OK && ready(page))
            {
                output.WriteLine($"{what}: back after {watch.Elapsed.TotalSeconds:F1} s");
                return page;
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), $"{what}: still HTTP {(int)response.StatusCode} after {watch.Elapsed.TotalSeconds:F0} s");
            await Task.Delay(500);
        }
    }
}
