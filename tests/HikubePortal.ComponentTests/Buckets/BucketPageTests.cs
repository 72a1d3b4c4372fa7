using Bunit.TestDoubles;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Tenants;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Web.Components.Pages.Buckets;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HikubePortal.ComponentTests.Buckets;

/// <summary>The bucket page as a person uses it: tabs from the URL, reveal, confirmations, live changes, delete with progress.</summary>
public sealed class BucketPageTests : PortalTestContext
{
    private readonly FakeBucketServices _services = new();
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;
    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    public BucketPageTests()
    {
        Services.AddSingleton<IBucketService>(_services);
        Services.AddSingleton<ICredentialService>(_services);
        Services.AddSingleton<IBucketUpdates>(_services);
        Services.AddSingleton<IBucketJobService>(_services);
        Services.AddSingleton<IBucketUserService>(_services);
        Services.AddSingleton<IBucketUsageService>(_services);
        Services.AddSingleton<IBucketActivityService>(_services);
        AddBunitPersistentComponentState();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<BucketPage> Open(TenantRole role, string? tab = null)
    {
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/t/acme/buckets/backups{(tab is null ? "" : $"?tab={tab}")}");
        var access = new TenantAccess(Guid.NewGuid(), "acme", role, IsMember: true);
        var page = Render<BucketPage>(p => p.Add(b => b.Tenant, "acme").Add(b => b.Name, "backups").AddCascadingValue(access));
        page.WaitForAssertion(() => Assert.NotNull(_services.Changed));
        return page;
    }

    private static string ActiveTab(IRenderedComponent<BucketPage> page) =>
        page.Find(".mud-tab.mud-tab-active").TextContent.Trim();

    [Theory]
    [InlineData(TenantRole.Admin, "access", "Access")]
    [InlineData(TenantRole.Admin, "activity", "Activity")]
    [InlineData(TenantRole.Use, "connect", "Connect")]
    [InlineData(TenantRole.Use, "activity", "Overview")] // not for this role
    [InlineData(TenantRole.View, "connect", "Overview")]
    [InlineData(TenantRole.View, "access", "Access")]
    [InlineData(TenantRole.Admin, "nonsense", "Overview")]
    public void The_tab_comes_from_the_url(TenantRole role, string tab, string shown)
    {
        var page = Open(role, tab);

        Assert.Equal(shown, ActiveTab(page));
    }

    [Fact]
    public async Task Choosing_a_tab_puts_it_in_the_url()
    {
        var page = Open(TenantRole.Admin);

        await page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "Activity").ClickAsync(new());

        Assert.EndsWith("/t/acme/buckets/backups?tab=activity", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("Credentials revealed", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_secret_is_revealed_only_by_the_handler_and_the_focus_goes_to_it()
    {
        var page = Open(TenantRole.Use, "access");

        Assert.Equal(0, _services.Reveals);
        Assert.DoesNotContain(FakeBucketServices.Secret, page.Markup, StringComparison.Ordinal);
        Assert.Equal("masked", page.Find("[data-secret]").GetAttribute("data-secret"));

        await page.Find("button[aria-label='Reveal the secret key of admin']").ClickAsync(new());

        Assert.Equal(1, _services.Reveals);
        Assert.Equal(FakeBucketServices.Secret, page.Find("#secret-admin").TextContent);
        Assert.Equal("#secret-admin", JSInterop.Invocations["hikube.focus"].Single().Arguments[0]);
    }

    [Fact]
    public async Task Snippets_are_masked_until_the_reveal_then_carry_the_secret()
    {
        var page = Open(TenantRole.Use, "connect");

        Assert.Contains(ConnectionDetails.SecretPlaceholder, page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeBucketServices.Secret, page.Markup, StringComparison.Ordinal);
        Assert.Contains("aws_secret_access_key = REVEAL-TO-SHOW-SECRET-KEY", page.Markup, StringComparison.Ordinal);

        await page.Find("button[aria-label='Reveal the secret key of admin in the snippets']").ClickAsync(new());

        Assert.Contains($"aws_secret_access_key = {FakeBucketServices.Secret}", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("data-snippets=\"masked\"", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_client_and_the_bucket_as_code_have_a_tab()
    {
        var page = Open(TenantRole.Use, "connect");

        var tabs = page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList();

        Assert.Contains("DuckDB", tabs);
        Assert.Contains("Apache Spark", tabs);
        Assert.Contains("pandas / pyarrow", tabs);
        Assert.Contains("As code", tabs);
        Assert.Contains("AWS CLI", tabs);
        await page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "As code").ClickAsync(new());
        Assert.Contains("kind: Bucket", page.Markup, StringComparison.Ordinal);
        Assert.Contains("resource \"kubernetes_manifest\"", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_view_role_sees_the_users_without_keys()
    {
        var page = Open(TenantRole.View, "access");

        Assert.Contains("admin", page.Find("[data-user]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeBucketServices.AccessKey, page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("button[aria-label^='Reveal']"));
    }

    [Fact]
    public void The_keys_show_once_the_frame_has_read_the_role()
    {
        // The layout reads the user's role while the page starts: the page first gets no role, then the role.
        Services.GetRequiredService<NavigationManager>().NavigateTo("/t/acme/buckets/backups?tab=access");
        static void Frame(ComponentParameterCollectionBuilder<CascadingValue<TenantAccess?>> frame, TenantAccess? access) =>
            frame.Add(c => c.Value, access).AddChildContent<BucketPage>(b => b.Add(x => x.Tenant, "acme").Add(x => x.Name, "backups"));
        var frame = Render<CascadingValue<TenantAccess?>>(p => Frame(p, null));
        var page = frame.FindComponent<BucketPage>();
        Assert.DoesNotContain(FakeBucketServices.AccessKey, frame.Markup, StringComparison.Ordinal);

        frame.Render(p => Frame(p, new TenantAccess(Guid.NewGuid(), "acme", TenantRole.Use, IsMember: true)));

        Assert.Same(page.Instance, frame.FindComponent<BucketPage>().Instance);

        frame.WaitForAssertion(() => Assert.Contains(FakeBucketServices.AccessKey, frame.Find("[data-user=admin]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(frame.Find("[data-user=admin] button[aria-label='Reveal the secret key of admin']"));
    }

    [Fact]
    public async Task Rotating_keys_asks_first_and_says_the_old_keys_stop_working()
    {
        var page = Open(TenantRole.Admin, "access");

        // The click's handler waits for the dialog: it ends once the dialog is answered.
        var asking = page.Find("button[aria-label='Rotate the keys of admin']").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("The old keys stop working at once", _dialogs.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("rotate admin", _services.Calls);

        await _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await asking;
        Assert.DoesNotContain("rotate admin", _services.Calls);

        asking = page.Find("button[aria-label='Rotate the keys of admin']").ClickAsync(new());
        await _dialogs.WaitForElement("button.mud-button-filled").ClickAsync(new());
        await asking;

        Assert.Contains("rotate admin", _services.Calls);
    }

    [Fact]
    public async Task Removing_a_user_needs_its_name_typed()
    {
        var page = Open(TenantRole.Admin, "access");

        var asking = page.Find("button[aria-label='Remove user admin']").ClickAsync(new());
        var confirm = _dialogs.WaitForElement("button.mud-button-filled");
        Assert.True(confirm.HasAttribute("disabled"));

        await _dialogs.Find("input").InputAsync(new() { Value = "admin" });
        await _dialogs.Find("button.mud-button-filled").ClickAsync(new());
        await asking;

        Assert.Contains("remove admin", _services.Calls);
    }

    [Fact]
    public async Task Admins_add_a_read_only_user()
    {
        var page = Open(TenantRole.Admin, "access");

        await page.FindAll("input[type=checkbox]")[^1].ChangeAsync(new() { Value = true }); // the first ones are the users' read-only switches
        await page.FindAll("input").First(i => i.GetAttribute("type") != "checkbox").InputAsync(new() { Value = "reader" });
        await page.FindAll("button").Single(b => b.TextContent.Trim() == "Add user").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("add reader read-only", _services.Calls));
    }

    [Fact]
    public async Task A_status_change_on_the_cluster_shows_without_reload()
    {
        _services.Bucket = FakeBucketServices.Details("backups", new BucketState(BucketPhase.Provisioning));
        var page = Open(TenantRole.View);
        Assert.Equal("Provisioning", page.Find("[data-bucket-phase]").GetAttribute("data-bucket-phase"));

        _services.Bucket = FakeBucketServices.Details("backups", new BucketState(BucketPhase.Failed, "RadosgwUnavailable", "radosgw unreachable"),
            new Condition { Type = "Ready", Status = "False", Reason = "RadosgwUnavailable", Message = "radosgw unreachable" });
        await page.InvokeAsync(_services.Changed!);

        page.WaitForAssertion(() => Assert.Equal("Failed", page.Find("[data-bucket-phase]").GetAttribute("data-bucket-phase")));
        Assert.Contains("Failed: the storage is unreachable", page.Markup, StringComparison.Ordinal);
        Assert.Contains("the platform will retry", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void With_several_users_the_connect_tab_says_whom_the_snippets_are_for()
    {
        _services.Users.Insert(0, new UserAccessView("reader", true, CredentialsOutcome.Issued, "AKIAREADER0000000000", FakeBucketServices.Endpoint, "us-east-1", "bucket-1234"));

        var page = Open(TenantRole.Use, "connect");

        // The read-write user comes first, and the select names it (not an empty field).
        Assert.Equal("admin", page.Find(".mud-select input").GetAttribute("value"));
        Assert.Contains("access_key_id = " + FakeBucketServices.AccessKey, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_read_of_the_users_does_not_bring_back_the_status_shown_before()
    {
        // A new bucket: its users are still being read when it turns Ready. Their answer arrives last, and must not
        // put back the Provisioning status it was asked under.
        _services.Bucket = FakeBucketServices.Details("backups", new BucketState(BucketPhase.Provisioning));
        var slowUsers = new TaskCompletionSource();
        _services.UsersGate = slowUsers.Task;
        var page = Open(TenantRole.Use);
        _services.UsersGate = null;

        _services.Bucket = FakeBucketServices.Details("backups", new BucketState(BucketPhase.Ready));
        await page.InvokeAsync(_services.Changed!);
        page.WaitForAssertion(() => Assert.Equal("Ready", page.Find("[data-bucket-phase]").GetAttribute("data-bucket-phase")));

        var renders = page.RenderCount;
        await page.InvokeAsync(slowUsers.SetResult);
        page.WaitForAssertion(() => Assert.True(page.RenderCount > renders));
        Assert.Equal("Ready", page.Find("[data-bucket-phase]").GetAttribute("data-bucket-phase"));
    }

    [Fact]
    public void A_change_made_before_the_page_subscribed_shows_too()
    {
        // The page read the bucket while it was provisioning; it turned Ready before the subscription took: no signal.
        _services.Bucket = FakeBucketServices.Details("backups", new BucketState(BucketPhase.Provisioning));
        _services.OnSubscribe = () => _services.Bucket = FakeBucketServices.Details("backups", new BucketState(BucketPhase.Ready));

        var page = Open(TenantRole.View);

        page.WaitForAssertion(() => Assert.Equal("Ready", page.Find("[data-bucket-phase]").GetAttribute("data-bucket-phase")));
    }

    [Fact]
    public async Task A_bucket_deleted_by_someone_else_says_so()
    {
        var page = Open(TenantRole.Use, "access");
        await page.Find("button[aria-label='Reveal the secret key of admin']").ClickAsync(new());

        _services.Bucket = null;
        await page.InvokeAsync(_services.Changed!);

        page.WaitForAssertion(() => Assert.Contains("This bucket was deleted", page.Find("[data-testid=bucket-deleted]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(FakeBucketServices.Secret, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_needs_the_name_typed_then_shows_the_progress_pushed_by_the_job()
    {
        var page = Open(TenantRole.Admin);

        await page.Find("button[aria-label='More actions on this bucket']").ClickAsync(new());
        var deleting = _popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Contains("Delete bucket", StringComparison.Ordinal)).ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("10 objects", _dialogs.Find("[data-usage]").TextContent, StringComparison.Ordinal));
        IEnumerable<AngleSharp.Dom.IElement> EmptyAndDelete() => _dialogs.FindAll("button").Where(b => b.TextContent.Trim() == "Empty and delete");
        Assert.True(EmptyAndDelete().Single().HasAttribute("disabled"));

        await _dialogs.Find("input").InputAsync(new() { Value = "backup" });
        Assert.True(EmptyAndDelete().Single().HasAttribute("disabled"));
        await _dialogs.Find("input").InputAsync(new() { Value = "backups" });
        await EmptyAndDelete().Single().ClickAsync(new());
        await deleting;

        Assert.Contains("empty-and-delete backups (10)", _services.Calls);
        page.WaitForAssertion(() => Assert.NotNull(_services.Progress));
        await page.InvokeAsync(() => _services.Progress!(FakeBucketServices.Job(BucketJobState.Running, 4)));
        page.WaitForAssertion(() => Assert.Equal("4 objects deleted of 10.", page.Find("[data-testid=job-count]").TextContent.Trim()));

        await page.InvokeAsync(() => _services.Progress!(FakeBucketServices.Job(BucketJobState.Succeeded, 10)));
        page.WaitForAssertion(() => Assert.EndsWith("/t/acme/buckets", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_bucket_is_deleted_at_once_and_the_page_goes_back_to_the_list()
    {
        _services.Usage = new BucketUsage(0, 0, 0, Complete: true);
        var page = Open(TenantRole.Admin);

        await page.Find("button[aria-label='More actions on this bucket']").ClickAsync(new());
        var deleting = _popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Contains("Delete bucket", StringComparison.Ordinal)).ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.Contains("Empty", _dialogs.Find("[data-usage]").TextContent, StringComparison.Ordinal));
        await _dialogs.Find("input").InputAsync(new() { Value = "backups" });
        await _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete bucket").ClickAsync(new());
        await deleting;

        page.WaitForAssertion(() => Assert.EndsWith("/t/acme/buckets", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Contains("delete backups", _services.Calls);
    }
}
