using AngleSharp.Dom;
using System.Net;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>
/// Who may do what on the bucket pages: what the prerendered pages show each role, and what the application services
/// allow in that role's circuit (the interactive pages' handlers call them); what one list page costs the cluster.
/// </summary>
public sealed class BucketAccessTests(BucketPortal portal) : IClassFixture<BucketPortal>, IAsyncLifetime
{
    private readonly string _bucket = LocalPlatform.UniqueName("acc");

    private static readonly CancellationToken None = CancellationToken.None;

    public async Task InitializeAsync()
    {
        await portal.CreateBucketAsync(_bucket, ("admin", false), ("reader", true));
        await portal.WaitForPhaseAsync(_bucket, BucketPhase.Ready);
        await BucketHttp.WaitForCredentialsAsync(portal.Namespace, _bucket, "admin");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_view_role_sees_the_status_but_cannot_reveal_or_download()
    {
        using var viewer = await portal.SignedInAsync(portal.ViewEmail);
        var (response, page) = await viewer.GetPageAsync($"/t/{portal.Tenant}/buckets/{_bucket}?tab=access");
        var (accessKey, secretKey) = (await BucketHttp.PlatformCredentialsAsync(portal.Namespace, _bucket, "admin"))!.Value;

        // The prerendered page: status and user names, no key at all.
        var html = page.DocumentElement.OuterHtml;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ready", page.QuerySelector("[data-bucket-phase]")?.GetAttribute("data-bucket-phase"));
        Assert.NotNull(page.QuerySelector("[data-user=reader]"));
        Assert.Null(page.QuerySelector("[data-secret]"));
        Assert.DoesNotContain(accessKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain(secretKey, html, StringComparison.Ordinal);

        // What the page's handlers would call, in the viewer's circuit: refused, and the refusal carries no key.
        var refusals = await portal.AsMemberAsync(portal.ViewEmail, async services =>
        {
            var credentials = services.GetRequiredService<ICredentialService>();
            return new[]
            {
                await Assert.ThrowsAsync<ForbiddenException>(() => credentials.ListAsync(portal.Tenant, _bucket, None)),
                await Assert.ThrowsAsync<ForbiddenException>(() => credentials.RevealAsync(portal.Tenant, _bucket, "admin", None)),
                await Assert.ThrowsAsync<ForbiddenException>(() => credentials.DownloadAsync(portal.Tenant, _bucket, "admin", CredentialFileFormat.Json, None)),
            };
        });
        Assert.All(refusals, e => Assert.DoesNotContain(secretKey, e.Message, StringComparison.Ordinal));
        Assert.All(refusals, e => Assert.DoesNotContain(accessKey, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_use_role_reveals_but_cannot_create_delete_or_change_users()
    {
        using var developer = await portal.SignedInAsync(portal.UseEmail);
        using var createPage = await developer.GetAsync($"/t/{portal.Tenant}/buckets/new");
        Assert.Equal(HttpStatusCode.Forbidden, createPage.StatusCode);

        // The prerendered Access tab: the access key and Reveal, no admin action, never the secret.
        var (accessKey, secretKey) = (await BucketHttp.PlatformCredentialsAsync(portal.Namespace, _bucket, "admin"))!.Value;
        var (response, page) = await developer.GetPageAsync($"/t/{portal.Tenant}/buckets/{_bucket}?tab=access");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(accessKey, page.QuerySelector("[data-user=admin]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-user=admin] [data-secret=masked]"));
        Assert.NotNull(page.QuerySelector("[data-user=admin] button[aria-label='Reveal the secret key of admin']"));
        Assert.Null(page.QuerySelector("button[aria-label='Rotate the keys of admin']"));
        Assert.Null(page.QuerySelector("button[aria-label='Remove user admin']"));
        Assert.DoesNotContain(secretKey, page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // In the developer's circuit: every admin action refused, the reveal allowed.
        var revealed = await portal.AsMemberAsync(portal.UseEmail, async services =>
        {
            var buckets = services.GetRequiredService<IBucketService>();
            var users = services.GetRequiredService<IBucketUserService>();
            var jobs = services.GetRequiredService<IBucketJobService>();
            await Assert.ThrowsAsync<ForbiddenException>(() => buckets.CreateAsync(portal.Tenant, new NewBucket(LocalPlatform.UniqueName("no"), [new BucketUserView("admin", false)]), None));
            await Assert.ThrowsAsync<ForbiddenException>(() => buckets.DeleteAsync(portal.Tenant, _bucket, None));
            await Assert.ThrowsAsync<ForbiddenException>(() => jobs.StartEmptyAndDeleteAsync(portal.Tenant, _bucket, null, None));
            await Assert.ThrowsAsync<ForbiddenException>(() => users.RotateAsync(portal.Tenant, _bucket, "admin", None));
            await Assert.ThrowsAsync<ForbiddenException>(() => users.AddAsync(portal.Tenant, _bucket, "intruder", false, None));
            await Assert.ThrowsAsync<ForbiddenException>(() => users.RemoveAsync(portal.Tenant, _bucket, "reader", None));
            await Assert.ThrowsAsync<ForbiddenException>(() => users.SetReadOnlyAsync(portal.Tenant, _bucket, "reader", false, None));
            return await services.GetRequiredService<ICredentialService>().RevealAsync(portal.Tenant, _bucket, "admin", None);
        });
        Assert.Equal(secretKey, revealed.Connection.SecretKey);
        var bucket = await Cluster.Admin.Buckets.GetAsync(portal.Namespace, _bucket, null, default);
        Assert.Equal(["admin", "reader"], bucket.Users.Keys.Order(StringComparer.Ordinal));
        Assert.True(bucket.Users["reader"].Readonly);
    }

    [Fact]
    public async Task Another_tenant_gets_404_everywhere()
    {
        using var stranger = await portal.SignedInAsync(portal.OtherEmail);
        foreach (var url in new[]
        {
            $"/t/{portal.Tenant}/buckets", $"/t/{portal.Tenant}/buckets/{_bucket}", $"/t/{portal.Tenant}/buckets/{_bucket}?tab=access",
            $"/t/{portal.Tenant}/buckets/new", $"/t/{portal.Tenant}/buckets/{_bucket}/row",
        })
        {
            using var response = await stranger.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
        }

        // An admin of another tenant, in its own circuit, acting on this tenant's bucket: as if it did not exist.
        var refused = await portal.AsMemberAsync(portal.OtherEmail, async services =>
        {
            var buckets = services.GetRequiredService<IBucketService>();
            var users = services.GetRequiredService<IBucketUserService>();
            var credentials = services.GetRequiredService<ICredentialService>();
            var jobs = services.GetRequiredService<IBucketJobService>();
            var calls = new Func<Task>[]
            {
                () => buckets.GetAsync(portal.Tenant, _bucket, None),
                () => buckets.DeleteAsync(portal.Tenant, _bucket, None),
                () => credentials.ListAsync(portal.Tenant, _bucket, None),
                () => credentials.RevealAsync(portal.Tenant, _bucket, "admin", None),
                () => credentials.DownloadAsync(portal.Tenant, _bucket, "admin", CredentialFileFormat.DotEnv, None),
                () => users.RotateAsync(portal.Tenant, _bucket, "admin", None),
                () => users.AddAsync(portal.Tenant, _bucket, "intruder", false, None),
                () => jobs.StartEmptyAndDeleteAsync(portal.Tenant, _bucket, null, None),
                () => jobs.LatestAsync(portal.Tenant, _bucket, None),
            };
            foreach (var call in calls)
            {
                await Assert.ThrowsAsync<NotFoundException>(call);
            }
            return calls.Length;
        });
        Assert.Equal(9, refused);
        Assert.NotNull(await Cluster.Admin.Buckets.FindAsync(portal.Namespace, _bucket, null, default));
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

        var service = (string email, string name) => portal.AsMemberAsync(email, s =>
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
