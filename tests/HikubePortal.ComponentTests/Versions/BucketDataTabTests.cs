using AngleSharp.Dom;
using HikubePortal.Application.Common;
using HikubePortal.Application.Versions;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Buckets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HikubePortal.ComponentTests.Versions;

/// <summary>The bucket's Data tab: versioning in words, lifecycle rules listed and edited, refusals kept on the page, changes live.</summary>
public sealed class BucketDataTabTests : PortalTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly FakeBucketData _data = new();
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    public BucketDataTabTests()
    {
        Services.AddSingleton<IBucketDataService>(_data);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    [Fact]
    public async Task Versioning_turns_on_and_suspends_after_a_confirmation()
    {
        var tab = RenderTab();
        Assert.Contains("An overwritten or deleted object is gone for good.", tab.Find("[data-testid=versioning]").TextContent, StringComparison.Ordinal);

        await tab.Find("[data-testid=versioning-enable]").ClickAsync(new());
        tab.WaitForAssertion(() => Assert.Equal("Enabled", tab.Find("[data-testid=versioning]").GetAttribute("data-state")), Wait);
        Assert.Equal(VersioningState.Enabled, _data.Versioning);

        var asking = tab.Find("[data-testid=versioning-suspend]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Button(_dialogs, "Cancel"), Wait);
        await Button(_dialogs, "Cancel").ClickAsync(new());
        await asking;
        Assert.Equal(VersioningState.Enabled, _data.Versioning);

        asking = tab.Find("[data-testid=versioning-suspend]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Button(_dialogs, "Suspend versioning"), Wait);
        await Button(_dialogs, "Suspend versioning").ClickAsync(new());
        await asking;
        tab.WaitForAssertion(() => Assert.Equal("Suspended", tab.Find("[data-testid=versioning]").GetAttribute("data-state")), Wait);
    }

    [Fact]
    public async Task A_refusal_of_the_platform_stays_on_the_page_and_the_state_is_what_the_storage_says()
    {
        _data.Refusal = new ForbiddenException("The platform does not allow the portal to turn on versioning for bucket backups.");
        var tab = RenderTab();

        await tab.Find("[data-testid=versioning-enable]").ClickAsync(new());

        tab.WaitForAssertion(() => Assert.Contains("The platform does not allow the portal to turn on versioning", tab.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal("Off", tab.Find("[data-testid=versioning]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task A_rule_is_checked_as_it_is_typed_then_added_and_described()
    {
        var tab = RenderTab();
        Assert.Contains("No lifecycle rule", tab.Find("[data-testid=lifecycle-empty]").TextContent, StringComparison.Ordinal);

        var adding = tab.Find("[data-testid=lifecycle-add]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=lifecycle-rule-form]"), Wait);
        await Input(_dialogs, "rule-id").InputAsync(new() { Value = "expire-logs" });
        _dialogs.WaitForAssertion(() => Assert.Contains("does nothing", _dialogs.Find("[data-testid=rule-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.True(_dialogs.Find("[data-testid=rule-save]").HasAttribute("disabled"));

        await Input(_dialogs, "rule-expire").ChangeAsync(new() { Value = true });
        await Input(_dialogs, "rule-expire-days").InputAsync(new() { Value = "7" });
        _dialogs.WaitForAssertion(() => Assert.Contains("Deletes every object 7 days after they are written.", _dialogs.Find("[data-testid=rule-summary]").TextContent, StringComparison.Ordinal), Wait);
        await _dialogs.Find("[data-testid=rule-save]").ClickAsync(new());
        await adding;

        var saved = Assert.Single(_data.Rules);
        Assert.Equal(new LifecycleRule("expire-logs", ExpireCurrentAfterDays: 7), saved);
        tab.WaitForAssertion(() => Assert.Contains("Deletes every object 7 days after they are written.", tab.Find("tr[data-rule=expire-logs]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task A_second_rule_may_not_take_a_name_already_used_even_by_another_tool()
    {
        _data.Rules.Add(new LifecycleRule("logs", Prefix: "logs/", ExpireCurrentAfterDays: 30));
        _data.Foreign.Add(new ForeignLifecycleRule("to-glacier", true, "<Rule><ID>to-glacier</ID><Transition><Days>30</Days></Transition></Rule>"));
        var tab = RenderTab();
        Assert.Contains("<Transition>", tab.Find("[data-foreign-rule=to-glacier] pre").TextContent, StringComparison.Ordinal);

        var adding = tab.Find("[data-testid=lifecycle-add]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=lifecycle-rule-form]"), Wait);
        await Input(_dialogs, "rule-abort").ChangeAsync(new() { Value = true });
        await Input(_dialogs, "rule-id").InputAsync(new() { Value = "logs" });
        _dialogs.WaitForAssertion(() => Assert.Contains("Two rules are named logs", _dialogs.Markup, StringComparison.Ordinal), Wait);
        await Input(_dialogs, "rule-id").InputAsync(new() { Value = "to-glacier" });
        _dialogs.WaitForAssertion(() => Assert.Contains("Two rules are named to-glacier", _dialogs.Markup, StringComparison.Ordinal), Wait);
        await Input(_dialogs, "rule-id").InputAsync(new() { Value = "uploads" });
        _dialogs.WaitForAssertion(() => Assert.False(_dialogs.Find("[data-testid=rule-save]").HasAttribute("disabled")), Wait);
        await _dialogs.Find("[data-testid=rule-save]").ClickAsync(new());
        await adding;

        Assert.Equal(["logs", "uploads"], _data.Rules.Select(r => r.Id));
        Assert.Single(_data.Foreign);
        tab.WaitForAssertion(() => tab.Find("tr[data-rule=uploads]"), Wait);
    }

    [Fact]
    public void A_change_made_elsewhere_shows_without_a_reload()
    {
        var tab = RenderTab();
        var reads = _data.Reads;

        _data.Versioning = VersioningState.Enabled;
        _data.Tell(BucketDataChange.Versioning);

        tab.WaitForAssertion(() => Assert.Equal("Enabled", tab.Find("[data-testid=versioning]").GetAttribute("data-state")), Wait);
        Assert.Equal(reads + 1, _data.Reads);
    }

    [Fact]
    public void A_bucket_with_only_read_only_users_shows_its_settings_without_changes()
    {
        _data.CanWrite = false;
        _data.Rules.Add(new LifecycleRule("logs", Prefix: "logs/", ExpireCurrentAfterDays: 30));
        var tab = RenderTab();

        Assert.Contains("only read-only users", tab.Find("[data-testid=versioning]").TextContent, StringComparison.Ordinal);
        Assert.Empty(tab.FindAll("[data-testid=versioning-enable], [data-testid=lifecycle-add], button[aria-label='Edit rule logs']"));
    }

    private IRenderedComponent<BucketDataTab> RenderTab()
    {
        var tab = Render<BucketDataTab>(p => p.Add(t => t.Tenant, "acme").Add(t => t.Bucket, "backups"));
        tab.WaitForAssertion(() => tab.Find("[data-testid=versioning]"), Wait);
        return tab;
    }

    private static IElement Input(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);
}
