using System.Diagnostics;
using System.Globalization;
using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// Buckets made and removed with kubectl, behind the portal's back, as the platform or an operator would: a list open
/// in Chromium shows each one, Ready, then gone, with no reload. Prints how long each took to show after kubectl
/// returned, p50/p95 over 20 Buckets.
/// </summary>
public sealed class KubectlLiveJourney(BrowserFixture browser, ITestOutputHelper output) : PageTest(browser)
{
    private const string Tenant = "demo";
    private const int Changes = 20;

    private const string RowShown = "n => [...document.querySelectorAll('tbody a')].some(a => a.textContent.trim() === n)";

    [Fact]
    public async Task Buckets_applied_and_deleted_with_kubectl_show_on_an_open_list_without_reload()
    {
        var run = $"e2e-kube-{Guid.NewGuid():N}"[..17];
        var names = Enumerable.Range(0, Changes).Select(i => $"{run}-{i:D2}").ToList();
        var list = new BucketListPage(Page, Tenant);
        await StepAsync("open", async () =>
        {
            await SignInAsOperatorAsync();
            await list.GoToAsync($"?q={run}"); // this run's Buckets only, whatever else the tenant holds
            await Expect(Page.GetByText($"No bucket name contains “{run}”.")).ToBeVisibleAsync();
        });
        // The page is never loaded again: a reload would show the Buckets without proving anything live.
        var loads = 0;
        Page.Load += (_, _) => loads++;

        var shown = new List<double>();
        await StepAsync("applied", async () =>
        {
            foreach (var name in names)
            {
                await PlatformStorage.ApplyBucketAsync(Tenant, name);
                var watch = Stopwatch.StartNew();
                await Page.WaitForFunctionAsync(RowShown, name, new() { Timeout = 10_000 });
                shown.Add(watch.Elapsed.TotalMilliseconds);
            }
            await Expect(list.Rows).ToHaveCountAsync(Changes);
        });

        await StepAsync("ready", async () =>
            await Expect(Page.Locator("tbody [data-bucket-phase=Ready]")).ToHaveCountAsync(Changes, new() { Timeout = 120_000 }));

        var gone = new List<double>();
        await StepAsync("deleted", async () =>
        {
            foreach (var name in names)
            {
                await PlatformStorage.DeleteBucketAsync(Tenant, name);
                var watch = Stopwatch.StartNew();
                await Page.WaitForFunctionAsync($"n => !({RowShown})(n)", name, new() { Timeout = 30_000 });
                gone.Add(watch.Elapsed.TotalMilliseconds);
            }
            await Expect(Page.GetByText($"No bucket name contains “{run}”.")).ToBeVisibleAsync();
        });

        Assert.Equal(0, loads);
        output.WriteLine($"kubectl apply returned -> row on the open list, {Changes} Buckets: {Summary(shown)}");
        output.WriteLine($"kubectl delete returned -> row gone (the platform empties and removes it first), {Changes} Buckets: {Summary(gone)}");
    }

    private static string Summary(List<double> times)
    {
        var sorted = times.Order().ToList();
        double At(double q) => sorted[(int)Math.Ceiling(q * sorted.Count) - 1];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.5):F0} ms, p95 {At(0.95):F0} ms, max {sorted[^1]:F0} ms");
    }
}
