using System.Diagnostics;
using HikubePortal.E2E.Infrastructure;
using HikubePortal.E2E.Pages;
using Microsoft.Playwright;

namespace HikubePortal.E2E.Journeys;

/// <summary>
/// Two replicas behind a balancer with a sticky cookie (deploy/local/replicas.sh starts them and runs this journey
/// alone: <c>--filter Category=Replicas</c>): the circuit of an open page lives on one replica; when that replica is
/// killed, the page reconnects to the other with a new circuit, still signed in, on the same page.
/// Needs HIKUBE_REPLICA_PIDS (<c>a=PID,b=PID</c>, the balancer's cookie values) and HIKUBE_REPLICA_TENANT.
/// </summary>
[Trait("Category", "Replicas")]
public sealed class ReplicaFailoverJourney(BrowserFixture browser) : PageTest(browser)
{
    private const string AffinityCookie = "hikube-route";

    [Fact]
    public async Task Killing_the_replica_of_a_circuit_moves_the_page_to_the_other_one_signed_in_and_in_place()
    {
        var pids = (Environment.GetEnvironmentVariable("HIKUBE_REPLICA_PIDS") ?? throw new InvalidOperationException("HIKUBE_REPLICA_PIDS is not set"))
            .Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        var tenant = Environment.GetEnvironmentVariable("HIKUBE_REPLICA_TENANT") ?? throw new InvalidOperationException("HIKUBE_REPLICA_TENANT is not set");
        var signIn = new SignInPage(Page);
        await signIn.GoToAsync();
        await signIn.SignInAsync(Browser.Portal.OperatorEmail, Browser.Portal.OperatorPassword);
        var address = $"t/{tenant}/buckets?sort=created&dir=desc";
        await Page.GotoAsync(address);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Buckets", Level = 1 })).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        var first = await ReplicaAsync();

        // Marks this document: the page that comes back must be a new one, loaded from the other replica.
        await Page.EvaluateAsync("() => { window.beforeFailover = true; document.documentElement.removeAttribute('data-interactive'); }");
        Process.GetProcessById(pids[first]).Kill(); // as a crash: no drain, the websocket just breaks
        var killed = Stopwatch.StartNew();

        await Page.WaitForFunctionAsync("() => window.beforeFailover === undefined", null, new() { Timeout = 90_000 });
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/t/{tenant}/buckets\\?sort=created&dir=desc$"));
        await WaitForNewReplicaAsync(first);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Buckets", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(Page.GetByText($"tenant-{tenant}").First).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        Assert.DoesNotContain("account/login", Page.Url, StringComparison.Ordinal);
        Console.WriteLine($"replica {first} killed; the page was back on replica {await ReplicaAsync()} after {killed.Elapsed.TotalSeconds:0.0} s");

        // The new circuit answers: a menu opens.
        await StepAsync("menu-after-failover", async () =>
        {
            await Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Theme") }).ClickAsync();
            await Assertions.Expect(Page.GetByRole(AriaRole.Menuitem, new() { Name = "Dark" })).ToBeVisibleAsync();
        });
    }

    private async Task<string> ReplicaAsync() =>
        (await Context.CookiesAsync()).Single(c => c.Name == AffinityCookie).Value;

    private async Task WaitForNewReplicaAsync(string old)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((await Context.CookiesAsync()).Any(c => c.Name == AffinityCookie && c.Value != old))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the balancer still sends the page to replica {old}");
    }
}
