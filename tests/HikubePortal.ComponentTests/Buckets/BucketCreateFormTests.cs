using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Buckets;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HikubePortal.ComponentTests.Buckets;

/// <summary>The create form: the name checked as you type, user rows, locking's warning, the rules on submit, the server's answer on the fields.</summary>
public sealed class BucketCreateFormTests : PortalTestContext
{
    private readonly FakeBuckets _buckets = new();

    public BucketCreateFormTests()
    {
        Services.AddSingleton<IBucketService>(_buckets);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
    }

    private IRenderedComponent<BucketCreatePage> RenderForm() => Render<BucketCreatePage>(p => p.Add(c => c.Tenant, "acme"));

    private static Task TypeAsync(IRenderedComponent<BucketCreatePage> form, string selector, string value) =>
        form.Find(selector).InputAsync(new ChangeEventArgs { Value = value });

    private static string HelperOf(IRenderedComponent<BucketCreatePage> form, string inputId) =>
        form.Find($"#{inputId}").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    private static bool InError(IRenderedComponent<BucketCreatePage> form, string inputId) =>
        form.Find($"#{inputId}").GetAttribute("aria-invalid") == "true";

    private static Task SubmitAsync(IRenderedComponent<BucketCreatePage> form) =>
        form.FindAll("button").Single(b => b.TextContent.Trim() == "Create bucket").ClickAsync(new());

    [Fact]
    public void Starts_with_one_read_write_user_named_admin_and_the_rules_of_a_name()
    {
        var form = RenderForm();

        Assert.Equal("admin", form.Find("#user-name-0").GetAttribute("value"));
        Assert.Single(form.FindAll("input[id^=user-name-]"));
        Assert.Equal("false", form.Find("input[role=switch]").GetAttribute("aria-checked")); // read-only: off
        Assert.Equal("Lowercase letters, digits and hyphens; starts with a letter; at most 46 characters.", HelperOf(form, "bucket-name"));
        Assert.Equal("46", form.Find("#bucket-name").GetAttribute("maxlength"));
    }

    [Theory]
    [InlineData(true, "photos is available.", false)]
    [InlineData(false, "photos is already used in tenant-acme.", true)]
    public async Task The_name_is_checked_against_the_tenants_buckets_as_you_type(bool available, string said, bool error)
    {
        _buckets.NameCheck = name => new BucketNameCheck(name, null, available);
        var form = RenderForm();

        await TypeAsync(form, "#bucket-name", "photos");

        form.WaitForAssertion(() => Assert.Equal(said, HelperOf(form, "bucket-name")), TimeSpan.FromSeconds(5));
        Assert.Equal(error, InError(form, "bucket-name"));
        Assert.Equal(said, form.Find("#bucket-name-check").TextContent.Trim()); // said to screen readers too
        Assert.Equal(["photos"], _buckets.CheckedNames);
    }

    [Fact]
    public async Task A_name_that_breaks_the_rules_says_which()
    {
        _buckets.NameCheck = name => new BucketNameCheck(name, NewBucketRules.NameProblem(name), null);
        var form = RenderForm();

        await TypeAsync(form, "#bucket-name", "Bad_Name");

        form.WaitForAssertion(() =>
        {
            Assert.True(InError(form, "bucket-name"));
            Assert.Contains("lower-case letters", HelperOf(form, "bucket-name"), StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(5));
        var describedBy = form.Find("#bucket-name").GetAttribute("aria-describedby")!.Split(' ');
        Assert.Contains(describedBy, id => form.Find($"[id='{id}']").TextContent.Contains("lower-case letters", StringComparison.Ordinal)); // the problem is the field's description
    }

    [Fact]
    public async Task Users_are_added_removed_checked_as_you_type_and_made_read_only()
    {
        var form = RenderForm();

        await form.FindAll("button").Single(b => b.TextContent.Trim() == "Add user").ClickAsync(new());
        Assert.Equal(2, form.FindAll("input[id^=user-name-]").Count);
        await form.Find("#user-name-1").ChangeAsync(new ChangeEventArgs { Value = "Reader!" });
        form.WaitForAssertion(() => Assert.True(InError(form, "user-name-1")));
        Assert.Contains("lower-case", HelperOf(form, "user-name-1"), StringComparison.OrdinalIgnoreCase);
        await form.Find("#user-name-1").ChangeAsync(new ChangeEventArgs { Value = "reader" });
        form.WaitForAssertion(() => Assert.False(InError(form, "user-name-1")));
        await form.FindAll("input[role=switch]")[1].ChangeAsync(new ChangeEventArgs { Value = true });

        await form.Find("button[aria-label='Remove user 1']").ClickAsync(new());

        Assert.Equal("reader", Assert.Single(form.FindAll("input[id^=user-name-]")).GetAttribute("value"));
        await TypeAsync(form, "#bucket-name", "photos");
        form.WaitForAssertion(() => Assert.Equal("photos is available.", HelperOf(form, "bucket-name")), TimeSpan.FromSeconds(5));
        await SubmitAsync(form);
        var created = Assert.Single(_buckets.Created);
        Assert.Equal([new BucketUserView("reader", true)], created.Users);
    }

    [Fact]
    public async Task The_rules_are_checked_on_submit_and_nothing_is_sent_while_they_are_broken()
    {
        var form = RenderForm();
        await form.FindAll("button").Single(b => b.TextContent.Trim() == "Add user").ClickAsync(new());
        // The new user's field gets the focus once it is rendered.
        form.WaitForAssertion(() => Assert.Equal("#user-name-1", JSInterop.Invocations["hikube.focus"][^1].Arguments[0]));
        await form.Find("#user-name-1").ChangeAsync(new ChangeEventArgs { Value = "admin" });

        await SubmitAsync(form);
        // The first field in error gets the focus.
        form.WaitForAssertion(() => Assert.Equal("[aria-invalid=true]", JSInterop.Invocations["hikube.focus"][^1].Arguments[0]));

        Assert.Empty(_buckets.Created);
        form.WaitForAssertion(() => Assert.True(InError(form, "bucket-name")));
        Assert.Contains("User admin is listed twice.", HelperOf(form, "user-name-1"), StringComparison.Ordinal);

        await form.Find("button[aria-label='Remove user 2']").ClickAsync(new());
        await form.Find("button[aria-label='Remove user 1']").ClickAsync(new());
        await SubmitAsync(form);
        Assert.Contains("Add at least one user", form.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_buckets.Created);
    }

    [Fact]
    public async Task What_the_server_refuses_lands_on_its_field()
    {
        _buckets.Create = bucket => throw InvalidException.For("Name", $"Bucket name {bucket.Name} is already used in tenant-acme.");
        var form = RenderForm();
        await TypeAsync(form, "#bucket-name", "photos");
        form.WaitForAssertion(() => Assert.Equal("photos is available.", HelperOf(form, "bucket-name")), TimeSpan.FromSeconds(5));

        await SubmitAsync(form);

        form.WaitForAssertion(() => Assert.Equal("Bucket name photos is already used in tenant-acme.", HelperOf(form, "bucket-name")));
        Assert.True(InError(form, "bucket-name"));
        Assert.Empty(form.FindAll(".mud-alert[role=alert]")); // on the field, not in a banner
    }

    [Fact]
    public async Task A_cluster_that_cannot_be_reached_is_said_in_words_and_the_form_stays()
    {
        _buckets.Create = _ => throw new UnavailableException("The cluster (Kubernetes API) cannot be reached right now; try again in a moment.");
        var form = RenderForm();
        await TypeAsync(form, "#bucket-name", "photos");
        form.WaitForAssertion(() => Assert.Equal("photos is available.", HelperOf(form, "bucket-name")), TimeSpan.FromSeconds(5));

        await SubmitAsync(form);

        form.WaitForAssertion(() => Assert.Contains("cannot be reached right now", form.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Equal("photos", form.Find("#bucket-name").GetAttribute("value"));
    }

    [Fact]
    public async Task A_created_bucket_opens_its_page_with_what_was_asked()
    {
        var form = RenderForm();
        await TypeAsync(form, "#bucket-name", "photos");
        form.WaitForAssertion(() => Assert.Equal("photos is available.", HelperOf(form, "bucket-name")), TimeSpan.FromSeconds(5));
        await form.Find(".mud-expand-panel-header").ClickAsync(new());
        await form.Find("input[aria-describedby=locking-warning]").ChangeAsync(new ChangeEventArgs { Value = true });
        await form.Find("#bucket-pool").ChangeAsync(new ChangeEventArgs { Value = " fast " });

        await SubmitAsync(form);

        Assert.Equal(new NewBucket("photos", [new BucketUserView("admin", false)], Locking: true, StoragePool: "fast") with { Users = _buckets.Created[0].Users },
            _buckets.Created[0]);
        Assert.Equal([new BucketUserView("admin", false)], _buckets.Created[0].Users);
        Assert.EndsWith("/t/acme/buckets/photos", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Object_locking_warns_that_it_is_permanent()
    {
        var form = RenderForm();

        await form.Find(".mud-expand-panel-header").ClickAsync(new());

        var warning = form.Find("#locking-warning").TextContent;
        Assert.Contains("Permanent.", warning, StringComparison.Ordinal);
        Assert.Contains("cannot be turned off later", warning, StringComparison.Ordinal);
        Assert.Contains("COMPLIANCE mode for 365 days", string.Join(' ', warning.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
