using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HikubePortal.Application.Buckets;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Web.Components.Pages.Buckets;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.ComponentTests.Buckets;

/// <summary>The create form: fields, rows without JavaScript, the live name check and its answers.</summary>
public sealed class BucketCreateFormTests : IAsyncLifetime
{
    private IDocument _page = null!;

    public async Task InitializeAsync()
    {
        await using var harness = new ComponentHarness(services => services.AddSingleton<IBucketService>(new UnusedBucketService()));
        _page = await harness.RenderAsync<BucketCreate>(new Dictionary<string, object?> { ["Tenant"] = "acme" });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_name_is_checked_as_you_type_by_a_fragment()
    {
        var name = _page.QuerySelector<IHtmlInputElement>("#bucket-name")!;

        Assert.Equal("Input.Name", name.Name);
        Assert.Equal("46", name.GetAttribute("maxlength"));
        Assert.Equal("/t/acme/buckets/_check-name", name.GetAttribute("hx-get"));
        Assert.Equal("#bucket-name-check", name.GetAttribute("hx-target"));
        Assert.Contains("input changed", name.GetAttribute("hx-trigger"), StringComparison.Ordinal);
        Assert.Contains("at most 46 characters", _page.QuerySelector("#bucket-name-check")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Starts_with_one_read_write_user_named_admin()
    {
        var rows = _page.QuerySelectorAll(".bucket-user-row");

        var row = Assert.Single(rows);
        Assert.Equal("admin", row.QuerySelector<IHtmlInputElement>("input[name='Input.Users[0].Name']")?.Value);
        Assert.False(row.QuerySelector<IHtmlInputElement>("input[name='Input.Users[0].ReadOnly']")?.IsChecked);
    }

    [Fact]
    public void Rows_are_added_and_removed_by_submit_buttons_that_skip_validation()
    {
        var add = _page.QuerySelector<IHtmlButtonElement>("button[value=add-user]")!;
        var remove = _page.QuerySelector<IHtmlButtonElement>("button[value='remove-user:0']")!;

        foreach (var button in new[] { add, remove })
        {
            Assert.Equal("submit", button.Type);
            Assert.Equal("Input.Command", button.Name);
            Assert.True(button.HasAttribute("formnovalidate"));
            Assert.Equal("#bucket-users", button.GetAttribute("hx-target"));
        }
        Assert.Equal("Remove user 1", remove.GetAttribute("aria-label"));
    }

    [Fact]
    public void Object_locking_warns_that_it_is_permanent()
    {
        var warning = _page.QuerySelector("#locking-warning")?.TextContent;

        Assert.Contains("cannot be turned off", warning, StringComparison.Ordinal);
        Assert.Contains("COMPLIANCE", warning, StringComparison.Ordinal);
        Assert.Contains("365 days", warning, StringComparison.Ordinal);
        Assert.Equal("locking-warning", _page.QuerySelector("#bucket-locking")?.GetAttribute("aria-describedby"));
    }

    [Fact]
    public void Posts_the_named_form_with_the_antiforgery_token()
    {
        var form = _page.QuerySelector<IHtmlFormElement>("#create-bucket-form")!;

        Assert.Equal("post", form.Method, ignoreCase: true);
        Assert.Equal("create-bucket", form.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value);
        Assert.Equal(TestAntiforgeryStateProvider.Token, form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value);
    }

    [Theory]
    [InlineData("", null, null, "at most 46 characters")]
    [InlineData("Bad", "Bucket name may contain only lower-case letters (a-z), digits and '-'.", null, "lower-case letters")]
    [InlineData("photos", null, true, "photos is available.")]
    [InlineData("photos", null, false, "photos is already used in tenant-acme.")]
    public async Task The_live_check_answers_in_words(string name, string? problem, bool? available, string expected)
    {
        await using var harness = new ComponentHarness();
        var page = await harness.RenderAsync<NameCheckResult>(new Dictionary<string, object?>
        {
            ["Check"] = new BucketNameCheck(name, problem, available),
            ["Tenant"] = "acme",
        });

        Assert.Contains(expected, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok", "admin", false)]
    [InlineData("Bad_Name", "admin", true)]
    [InlineData("ok", "", true)]
    [InlineData("new", "admin", true)]
    public void The_submitted_form_is_checked_with_the_platform_rules(string name, string user, bool hasErrors)
    {
        var input = new CreateBucketInput { Name = name, Users = [new UserRow { Name = user }] };

        var errors = NewBucketRules.Validate(input.ToRequest());

        Assert.Equal(hasErrors, errors.Count > 0);
    }

    private sealed class UnusedBucketService : IBucketService
    {
        public Task<BucketListPage> ListAsync(string tenant, BucketListQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<BucketDetails> GetAsync(string tenant, string name, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<BucketNameCheck> CheckNameAsync(string tenant, string? name, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<BucketDetails> CreateAsync(string tenant, NewBucket bucket, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<BucketDeletion> DeleteAsync(string tenant, string name, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
