using AngleSharp.Dom;
using HikubePortal.Application.Buckets;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Web.Components.Pages.Buckets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.ComponentTests.Buckets;

/// <summary>A row of the list: what it shows, and that only unsettled rows poll their fragment.</summary>
public sealed class BucketRowTests
{
    private static BucketSummary Bucket(BucketPhase phase, bool locking = false) => new(
        "backups", new BucketState(phase, phase == BucketPhase.Failed ? "InstallFailed" : null),
        [new BucketUserView("admin", false), new BucketUserView("ci", false), new BucketUserView("viewer", true)],
        locking, null, FixedTime.Now.AddMinutes(-5));

    [Theory]
    [InlineData(BucketPhase.Provisioning)]
    [InlineData(BucketPhase.Deleting)]
    public async Task A_row_that_is_not_settled_polls_its_own_fragment(BucketPhase phase)
    {
        var row = (await RenderAsync(Bucket(phase))).QuerySelector("tr")!;

        Assert.Equal("/t/acme/buckets/backups/row", row.GetAttribute("hx-get"));
        Assert.Equal("every 3s", row.GetAttribute("hx-trigger"));
        Assert.Equal("outerHTML", row.GetAttribute("hx-swap"));
    }

    [Theory]
    [InlineData(BucketPhase.Ready)]
    [InlineData(BucketPhase.Failed)]
    public async Task A_settled_row_stops_polling(BucketPhase phase)
    {
        var row = (await RenderAsync(Bucket(phase))).QuerySelector("tr")!;

        Assert.Null(row.GetAttribute("hx-get"));
        Assert.Null(row.GetAttribute("hx-trigger"));
        Assert.Equal("true", row.GetAttribute("data-settled"));
    }

    [Fact]
    public async Task Shows_users_locking_and_age_in_words()
    {
        var page = await RenderAsync(Bucket(BucketPhase.Ready, locking: true));
        var cells = page.QuerySelectorAll("tr > *").Select(c => c.TextContent.Trim()).ToList();

        Assert.Equal("backups", page.QuerySelector("a")?.TextContent);
        Assert.Equal("/t/acme/buckets/backups", page.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("3 (1 read-only)", System.Text.RegularExpressions.Regex.Replace(cells[2], @"\s+", " "), StringComparison.Ordinal);
        Assert.Equal("—", cells[3]);
        Assert.Equal("Object locking on", page.QuerySelector("tr > :nth-child(6) .visually-hidden")?.TextContent);
        var time = page.QuerySelector("time")!;
        Assert.Equal("5 minutes ago", time.TextContent);
        Assert.Equal("2026-11-21 11:55:00 UTC", time.GetAttribute("title"));
    }

    private static async Task<IDocument> RenderAsync(BucketSummary bucket)
    {
        await using var harness = new ComponentHarness(services => services.AddSingleton<TimeProvider>(new FixedTime()));
        return await harness.RenderAsync<RowInTable>(new Dictionary<string, object?> { ["Bucket"] = bucket });
    }

    /// <summary>A &lt;tr&gt; parses only inside a table.</summary>
    private sealed class RowInTable : ComponentBase
    {
        [Parameter] public BucketSummary Bucket { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "table");
            builder.OpenElement(1, "tbody");
            builder.OpenComponent<BucketRow>(2);
            builder.AddComponentParameter(3, nameof(BucketRow.Tenant), "acme");
            builder.AddComponentParameter(4, nameof(BucketRow.Bucket), Bucket);
            builder.CloseComponent();
            builder.CloseElement();
            builder.CloseElement();
        }
    }
}
