using System.Net;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>Who may do what on the bucket pages, and what one list page costs the cluster.</summary>
public sealed class BucketAccessTests(BucketPortal portal) : IClassFixture<BucketPortal>, IAsyncLifetime
{
    private readonly string _bucket = LocalPlatform.UniqueName("acc");

    public async Task InitializeAsync()
    {
        using var admin = await portal.SignedInAsync(portal.AdminEmail);
        using var created = await admin.CreateBucketAsync(portal.Tenant, _bucket, ("admin", false), ("reader", true));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await admin.WaitForPhaseAsync(portal.Tenant, _bucket, BucketPhase.Ready);
        await BucketHttp.WaitForCredentialsAsync(portal.Namespace, _bucket, "admin");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_view_role_sees_the_status_but_cannot_reveal_or_download()
    {
        using var viewer = await portal.SignedInAsync(portal.ViewEmail);
        var (response, page) = await viewer.GetPageAsync($"/t/{portal.Tenant}/buckets/{_bucket}?tab=access");
        var (accessKey, secretKey) = (await BucketHttp.PlatformCredentialsAsync(portal.Namespace, _bucket, "admin"))!.Value;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ready", page.QuerySelector("[data-bucket-phase]")?.GetAttribute("data-bucket-phase"));
        Assert.Null(page.QuerySelector(".bucket-user"));
        Assert.DoesNotContain(accessKey, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(secretKey, page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var token = page.AntiforgeryToken();
        using var reveal = await viewer.PostWithTokenAsync($"/t/{portal.Tenant}/buckets/{_bucket}/users/admin/reveal", token);
        using var download = await viewer.PostWithTokenAsync($"/t/{portal.Tenant}/buckets/{_bucket}/users/admin/download?format=json", token);
        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.DoesNotContain(secretKey, await reveal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_use_role_reveals_but_cannot_create_delete_or_change_users()
    {
        using var developer = await portal.SignedInAsync(portal.UseEmail);
        using var createPage = await developer.GetAsync($"/t/{portal.Tenant}/buckets/new");
        Assert.Equal(HttpStatusCode.Forbidden, createPage.StatusCode);
        using var deletePage = await developer.GetAsync($"/t/{portal.Tenant}/buckets/{_bucket}/delete");
        Assert.Equal(HttpStatusCode.Forbidden, deletePage.StatusCode);

        var (_, page) = await developer.GetPageAsync($"/t/{portal.Tenant}/buckets/{_bucket}?tab=access");
        Assert.NotNull(page.NamedForm("reveal-admin"));
        Assert.Null(page.FormTo($"/t/{portal.Tenant}/buckets/{_bucket}/users/admin/rotate"));
        var token = page.AntiforgeryToken();
        using var rotate = await developer.PostWithTokenAsync($"/t/{portal.Tenant}/buckets/{_bucket}/users/admin/rotate", token);
        Assert.Equal(HttpStatusCode.Forbidden, rotate.StatusCode);
        using var create = await developer.PostWithTokenAsync($"/t/{portal.Tenant}/buckets/new", token,
            new Dictionary<string, string> { ["_handler"] = "create-bucket", ["Input.Name"] = LocalPlatform.UniqueName("no"), ["Input.Users[0].Name"] = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);

        var form = page.NamedForm("reveal-admin")!;
        using var reveal = await developer.SubmitAsync(form, form.GetAttribute("hx-post")!, null);
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
    }

    [Fact]
    public async Task Another_tenant_gets_404_everywhere()
    {
        using var stranger = await portal.SignedInAsync(portal.OtherEmail);
        var (_, own) = await stranger.GetPageAsync($"/t/{portal.OtherTenant}/buckets");
        var token = own.AntiforgeryToken();
        foreach (var url in new[]
        {
            $"/t/{portal.Tenant}/buckets", $"/t/{portal.Tenant}/buckets/{_bucket}", $"/t/{portal.Tenant}/buckets/{_bucket}?tab=access",
            $"/t/{portal.Tenant}/buckets/new", $"/t/{portal.Tenant}/buckets/{_bucket}/delete", $"/t/{portal.Tenant}/buckets/{_bucket}/row",
        })
        {
            using var response = await stranger.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
        }
        using var reveal = await stranger.PostWithTokenAsync($"/t/{portal.Tenant}/buckets/{_bucket}/users/admin/reveal", token);
        Assert.Equal(HttpStatusCode.NotFound, reveal.StatusCode);
    }

    [Fact]
    public async Task Views_of_a_warm_tenants_list_make_no_kubernetes_call()
    {
        using var viewer = await portal.SignedInAsync(portal.ViewEmail);
        await viewer.GetPageAsync($"/t/{portal.Tenant}/buckets"); // opens the tenant's watch cache

        portal.KubernetesCalls.Reset();
        for (var i = 0; i < 10; i++)
        {
            var (response, page) = await viewer.GetPageAsync($"/t/{portal.Tenant}/buckets?q={_bucket[..6]}&sort=created&dir=desc");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(page.QuerySelector($"#bucket-row-{_bucket}"));
        }

        Assert.Empty(portal.KubernetesCalls.Calls);
    }

    [Fact]
    public async Task The_list_shows_users_status_and_a_settled_row_does_not_poll()
    {
        using var viewer = await portal.SignedInAsync(portal.ViewEmail);
        var (_, page) = await viewer.GetPageAsync($"/t/{portal.Tenant}/buckets?q={_bucket}");
        var row = page.QuerySelector($"#bucket-row-{_bucket}");

        Assert.NotNull(row);
        Assert.Equal("Ready", row.QuerySelector("[data-bucket-phase]")?.GetAttribute("data-bucket-phase"));
        Assert.Contains("(1 read-only)", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", row.GetAttribute("data-settled"));
        Assert.Null(row.GetAttribute("hx-trigger"));

        using var fragment = await viewer.GetAsync($"/t/{portal.Tenant}/buckets/{_bucket}/row");
        var html = await fragment.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        Assert.StartsWith($"<tr id=\"bucket-row-{_bucket}\"", html.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
    }
}
