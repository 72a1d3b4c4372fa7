using System.Net;
using AngleSharp.Dom;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>Who may do what on the bucket pages, and what one list page costs the cluster.</summary>
public sealed class BucketAccessTests(BucketPortal portal) : IClassFixture<BucketPortal>, IAsyncLifetime
{
    private readonly string _bucket = LocalPlatform.UniqueName("acc");

    public async Task InitializeAsync()
    {
        using var admin = await portal.SignedInAsync(portal.AdminEmail);
        await portal.CreateBucketAsync(portal.AdminEmail, _bucket, ("admin", false), ("reader", true));
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
        // The create page's own call (an open page's event handler is not covered by the route check): refused by the service.
        var name = LocalPlatform.UniqueName("no");
        await Assert.ThrowsAsync<ForbiddenException>(() => portal.CreateBucketAsync(portal.UseEmail, name, ("admin", false)));
        Assert.Null(await Cluster.Admin.Buckets.FindAsync(portal.Namespace, name, null, default));

        var form = page.NamedForm("reveal-admin")!;
        using var reveal = await developer.SubmitAsync(form, form.GetAttribute("hx-post")!, null);
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
    }

    [Fact]
    public async Task Another_tenant_gets_404_everywhere()
    {
        using var stranger = await portal.SignedInAsync(portal.OtherEmail);
        var (ownResponse, _) = await stranger.GetPageAsync($"/t/{portal.OtherTenant}/buckets");
        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        var (_, account) = await stranger.GetPageAsync("/account/manage/password"); // a static page with a form: a token of this user
        var token = account.AntiforgeryToken();
        foreach (var url in new[]
        {
            $"/t/{portal.Tenant}/buckets", $"/t/{portal.Tenant}/buckets/{_bucket}", $"/t/{portal.Tenant}/buckets/{_bucket}?tab=access",
            $"/t/{portal.Tenant}/buckets/new", $"/t/{portal.Tenant}/buckets/{_bucket}/delete",
        })
        {
            using var response = await stranger.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
        }
        // What the list and create pages call in an open circuit: refused as not found too.
        var stranger2 = portal.User(portal.OtherEmail);
        await Assert.ThrowsAsync<NotFoundException>(() => portal.CreateBucketAsync(portal.OtherEmail, LocalPlatform.UniqueName("no"), ("admin", false)));
        await Assert.ThrowsAsync<NotFoundException>(() => portal.AsUserAsync(stranger2, s =>
            s.GetRequiredService<IBucketService>().ListAsync(portal.Tenant, new BucketListQuery(), CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => portal.AsUserAsync(stranger2, s =>
            s.GetRequiredService<IBucketService>().CheckNameAsync(portal.Tenant, "free", CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() => portal.AsUserAsync(stranger2, async s =>
            await s.GetRequiredService<IBucketUpdates>().SubscribeAsync(portal.Tenant, null, null, () => Task.CompletedTask, CancellationToken.None)));
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
            Assert.NotNull(Row(page, _bucket));
        }

        Assert.Empty(portal.KubernetesCalls.Calls);
    }

    [Fact]
    public async Task The_list_shows_users_and_status_in_its_first_answer_and_nothing_polls()
    {
        using var viewer = await portal.SignedInAsync(portal.ViewEmail);
        var (response, page) = await viewer.GetPageAsync($"/t/{portal.Tenant}/buckets?q={_bucket}");
        var row = Row(page, _bucket);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(row);
        Assert.Equal("Ready", row.QuerySelector("[data-bucket-phase]")?.GetAttribute("data-bucket-phase"));
        Assert.Contains("2, 1 read-only", row.TextContent, StringComparison.Ordinal);
        // Live by the circuit (pushed from the watch cache), not by requests on a timer.
        Assert.DoesNotContain("hx-trigger", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_create_page_is_for_admins_and_the_name_check_is_the_services()
    {
        using var admin = await portal.SignedInAsync(portal.AdminEmail);
        var (response, page) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets/new");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("input#bucket-name"));
        Assert.NotNull(page.QuerySelector("input#user-name-0[value=admin]"));

        var service = (string email, string name) => portal.AsUserAsync(portal.User(email), s =>
            s.GetRequiredService<IBucketService>().CheckNameAsync(portal.Tenant, name, CancellationToken.None));
        Assert.True((await service(portal.AdminEmail, LocalPlatform.UniqueName("free"))).Available);
        Assert.False((await service(portal.AdminEmail, _bucket)).Available);
        var tooLong = await service(portal.AdminEmail, new string('a', 47));
        Assert.Null(tooLong.Available);
        Assert.NotNull(tooLong.Problem);
        await Assert.ThrowsAsync<ForbiddenException>(() => service(portal.ViewEmail, "free"));
    }

    /// <summary>The list's row of <paramref name="bucket"/> (the row holding the link to its page), or null.</summary>
    private IElement? Row(IDocument page, string bucket) =>
        page.QuerySelector($"a[href='/t/{portal.Tenant}/buckets/{bucket}']")?.Closest("tr");
}
