using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HikubePortal.Application.Credentials;
using HikubePortal.ComponentTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Web.Components.Pages.Buckets;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.ComponentTests.Buckets;

/// <summary>The credentials card: the secret field never carries the secret before a reveal.</summary>
public sealed class UserCardTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private static readonly Uri Endpoint = new("https://s3.example.org");

    private static readonly UserAccessView Issued = new("admin", false, CredentialsOutcome.Issued, AccessKey, Endpoint, "us-east-1", "bucket-1234");

    [Fact]
    public async Task Before_a_reveal_the_secret_is_nowhere_in_the_html()
    {
        var page = await RenderAsync(Issued);
        var html = page.DocumentElement.OuterHtml;

        Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
        Assert.Equal("masked", page.QuerySelector("[data-secret]")?.GetAttribute("data-secret"));
        Assert.Equal(AccessKey, page.QuerySelector("#user-admin-access-key")?.TextContent);
        Assert.Contains(ConnectionDetails.SecretPlaceholder, page.QuerySelector(".tab-pane.active")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reveal_is_a_post_with_the_antiforgery_token_and_an_htmx_target()
    {
        var page = await RenderAsync(Issued);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.QuerySelector("input[name=_handler]") is not null);

        Assert.Equal("post", form.Method, ignoreCase: true);
        Assert.Equal("reveal-admin", form.QuerySelector<IHtmlInputElement>("input[name=_handler]")?.Value);
        Assert.Equal(TestAntiforgeryStateProvider.Token, form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value);
        Assert.Equal("/t/acme/buckets/backups/users/admin/reveal", form.GetAttribute("hx-post"));
        Assert.Equal("#user-admin", form.GetAttribute("hx-target"));
        Assert.Equal("Reveal", form.QuerySelector("button[type=submit]")?.TextContent.Trim());
    }

    [Fact]
    public async Task After_a_reveal_the_secret_has_a_copy_button_and_the_snippets_carry_it()
    {
        var revealed = new RevealedAccess("admin", false, new ConnectionDetails("hikube-backups-admin", Endpoint, "us-east-1", "bucket-1234", AccessKey, Secret));
        var page = await RenderAsync(Issued, revealed);

        Assert.Equal(Secret, page.QuerySelector("#user-admin-secret-key")?.TextContent);
        Assert.NotNull(page.QuerySelector("button[data-portal-copy='#user-admin-secret-key']"));
        Assert.Null(page.QuerySelector("input[name=_handler]"));
        Assert.Contains(Secret, page.QuerySelector(".tab-pane.active")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectionDetails.SecretPlaceholder, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_not_issued_yet_are_said_in_words()
    {
        var page = await RenderAsync(new UserAccessView("admin", false, CredentialsOutcome.NotIssuedYet));

        Assert.Contains("Credentials not issued yet", page.QuerySelector("[data-credentials=not-issued]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[hx-post]"));
    }

    [Fact]
    public async Task Malformed_credentials_are_said_in_words()
    {
        var page = await RenderAsync(new UserAccessView("admin", false, CredentialsOutcome.Malformed, Problem: "Secret x has no secret key"));

        var alert = page.QuerySelector("[data-credentials=malformed]");
        Assert.Equal("alert", alert?.GetAttribute("role"));
        Assert.Contains("cannot be read: Secret x has no secret key", alert?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "read-write")]
    [InlineData(true, "read-only")]
    public async Task Shows_the_access_of_the_user(bool readOnly, string access)
    {
        var page = await RenderAsync(Issued with { ReadOnly = readOnly });

        Assert.NotNull(page.QuerySelector($"[data-access={access}]"));
    }

    [Fact]
    public async Task Admins_get_rotation_with_its_warning_and_removal_as_posts()
    {
        var page = await RenderAsync(Issued, isAdmin: true);

        var rotate = page.QuerySelector<IHtmlFormElement>("form[action='/t/acme/buckets/backups/users/admin/rotate']");
        Assert.NotNull(rotate);
        Assert.Contains("stop working", rotate.ParentElement?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(rotate.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.NotNull(page.QuerySelector("form[action='/t/acme/buckets/backups/users/admin/remove']"));
        Assert.Equal("true", page.QuerySelector<IHtmlInputElement>("form[action$='/access'] input[name=readOnly]")?.Value);
    }

    [Fact]
    public async Task Members_without_admin_rights_get_no_user_actions()
    {
        var page = await RenderAsync(Issued, isAdmin: false);

        Assert.Null(page.QuerySelector("form[action$='/rotate']"));
        Assert.Null(page.QuerySelector("form[action$='/remove']"));
        Assert.Equal(2, page.QuerySelectorAll("form[action*='/download']").Length);
    }

    private static async Task<IDocument> RenderAsync(UserAccessView view, RevealedAccess? revealed = null, bool isAdmin = false)
    {
        await using var harness = new ComponentHarness(services => services.AddSingleton<TimeProvider>(new FixedTime()));
        return await harness.RenderAsync<UserCard>(new Dictionary<string, object?>
        {
            ["Tenant"] = "acme",
            ["Bucket"] = "backups",
            ["View"] = view,
            ["Revealed"] = revealed,
            ["IsAdmin"] = isAdmin,
        });
    }
}
