using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Web.Components.Pages.Buckets;

namespace HikubePortal.ComponentTests.Buckets;

/// <summary>A bucket's state in words, its colour, a spinner while something happens, the explanation for all.</summary>
public sealed class BucketStatusChipTests : PortalTestContext
{
    private IRenderedComponent<BucketStatusChip> Chip(BucketState state) => Render<BucketStatusChip>(p => p.Add(c => c.State, state));

    [Theory]
    [InlineData(BucketPhase.Ready, "Ready", "mud-chip-color-success")]
    [InlineData(BucketPhase.Provisioning, "Provisioning", "mud-chip-color-info")]
    [InlineData(BucketPhase.Deleting, "Deleting", "mud-chip-color-default")]
    public void Shows_the_phase_in_words_with_its_colour(BucketPhase phase, string words, string css)
    {
        var chip = Chip(new BucketState(phase)).Find("[data-bucket-phase]");

        Assert.Equal(words, chip.TextContent.Trim());
        Assert.Contains(css, chip.ClassList);
        Assert.Equal(phase.ToString(), chip.GetAttribute("data-bucket-phase"));
    }

    [Fact]
    public void A_failure_says_the_reason_in_words_and_the_message_on_hover_and_to_screen_readers()
    {
        var page = Chip(new BucketState(BucketPhase.Failed, "RadosgwUnavailable", "radosgw unreachable — will retry"));
        var chip = page.Find("[data-bucket-phase]");

        Assert.Equal("Failed: the storage is unreachable", chip.TextContent.Trim());
        Assert.Contains("mud-chip-color-error", chip.ClassList);
        Assert.Contains("radosgw unreachable", chip.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("retries by itself", page.Find(".visually-hidden").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_reasons_become_words() =>
        Assert.Equal("Failed: quota exceeded", Chip(new BucketState(BucketPhase.Failed, "QuotaExceeded")).Find("[data-bucket-phase]").TextContent.Trim());

    [Theory]
    [InlineData(BucketPhase.Provisioning, true)]
    [InlineData(BucketPhase.Deleting, true)]
    [InlineData(BucketPhase.Ready, false)]
    [InlineData(BucketPhase.Failed, false)]
    public void Spins_only_while_something_is_happening(BucketPhase phase, bool spins)
    {
        var page = Chip(new BucketState(phase, phase == BucketPhase.Failed ? "InstallFailed" : null));

        Assert.Equal(spins, page.FindAll(".mud-progress-circular").Count > 0);
    }
}
