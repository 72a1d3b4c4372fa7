using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Web.Components.Pages.Buckets;

namespace HikubePortal.ComponentTests.Buckets;

public sealed class BucketStatusBadgeTests
{
    [Theory]
    [InlineData(BucketPhase.Ready, "Ready", "text-bg-success")]
    [InlineData(BucketPhase.Provisioning, "Provisioning", "text-bg-primary")]
    [InlineData(BucketPhase.Deleting, "Deleting", "text-bg-secondary")]
    public async Task Shows_the_phase_in_words_with_its_colour(BucketPhase phase, string words, string css)
    {
        var badge = (await RenderAsync(new BucketState(phase))).QuerySelector("[data-bucket-phase]")!;

        Assert.Equal(words, badge.TextContent.Trim());
        Assert.Contains(css, badge.ClassList);
        Assert.Equal(phase.ToString(), badge.GetAttribute("data-bucket-phase"));
    }

    [Fact]
    public async Task A_failure_says_the_reason_in_words_and_the_message_on_hover()
    {
        var page = await RenderAsync(new BucketState(BucketPhase.Failed, "RadosgwUnavailable", "radosgw unreachable — will retry"));
        var badge = page.QuerySelector("[data-bucket-phase]")!;

        Assert.Equal("Failed: the storage is unreachable", badge.TextContent.Trim());
        Assert.Contains("text-bg-danger", badge.ClassList);
        Assert.Contains("radosgw unreachable", badge.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("retries by itself", page.QuerySelector(".visually-hidden")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_reasons_become_words()
    {
        var badge = (await RenderAsync(new BucketState(BucketPhase.Failed, "QuotaExceeded"))).QuerySelector("[data-bucket-phase]")!;

        Assert.Equal("Failed: quota exceeded", badge.TextContent.Trim());
    }

    [Theory]
    [InlineData(BucketPhase.Provisioning, true)]
    [InlineData(BucketPhase.Deleting, true)]
    [InlineData(BucketPhase.Ready, false)]
    [InlineData(BucketPhase.Failed, false)]
    public async Task Spins_only_while_something_is_happening(BucketPhase phase, bool spins)
    {
        var page = await RenderAsync(new BucketState(phase, phase == BucketPhase.Failed ? "InstallFailed" : null));

        Assert.Equal(spins, page.QuerySelector(".spinner-border") is not null);
    }

    [Fact]
    public async Task The_bucket_page_shows_the_explanation_under_the_badge()
    {
        var page = await RenderAsync(new BucketState(BucketPhase.Provisioning, "Progressing", "creating the bucket"), showExplanation: true);

        var text = page.QuerySelector("span.d-block")?.TextContent;
        Assert.Equal("Waiting for the storage to create the bucket — creating the bucket.", text);
    }

    private static async Task<AngleSharp.Dom.IDocument> RenderAsync(BucketState state, bool showExplanation = false)
    {
        await using var harness = new ComponentHarness();
        return await harness.RenderAsync<BucketStatusBadge>(new Dictionary<string, object?>
        {
            ["State"] = state,
            ["ShowExplanation"] = showExplanation,
        });
    }
}
