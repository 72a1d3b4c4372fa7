using System.Net;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>
/// The admin's and the developer's journey through the HTTP endpoints, against the real platform:
/// create -> Ready -> reveal (audited, no-store) -> download -> rotate (old keys rejected by radosgw) -> delete.
/// </summary>
public sealed class BucketJourneyTests(BucketPortal portal) : IClassFixture<BucketPortal>
{
    [Fact]
    public async Task Create_ready_reveal_rotate_delete()
    {
        var name = LocalPlatform.UniqueName("jrn");
        using var admin = await portal.SignedInAsync(portal.AdminEmail);

        var created = await portal.CreateBucketAsync(portal.AdminEmail, name, ("admin", false), ("viewer", true));
        Assert.Equal(name, created.Summary.Name);
        Assert.Single(await AuditAsync(AuditActions.BucketCreated, name));
        var bucket = await Cluster.Admin.Buckets.GetAsync(portal.Namespace, name, null, default);
        Assert.True(bucket.Users["viewer"].Readonly);
        Assert.False(bucket.Users["admin"].Readonly);

        await admin.WaitForPhaseAsync(portal.Tenant, name, BucketPhase.Ready);
        var (accessKey, secretKey) = await BucketHttp.WaitForCredentialsAsync(portal.Namespace, name, "admin");

        // Before the reveal: the access key, never the secret.
        var (accessResponse, access) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets/{name}?tab=access");
        var html = access.DocumentElement.OuterHtml;
        Assert.Equal(HttpStatusCode.OK, accessResponse.StatusCode);
        Assert.Contains(accessKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain(secretKey, html, StringComparison.Ordinal);
        Assert.NotNull(access.QuerySelector("#user-admin [data-secret=masked]"));

        // Reveal through the htmx endpoint: the card with the secret, no-store, audited.
        var revealForm = access.NamedForm("reveal-admin");
        Assert.NotNull(revealForm);
        using var reveal = await admin.SubmitAsync(revealForm, revealForm!.GetAttribute("hx-post")!, null);
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        var body = await reveal.Content.ReadAsStringAsync();
        Assert.Contains(secretKey, body, StringComparison.Ordinal);
        Assert.Contains("no-store", reveal.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        // The same reveal without JavaScript: a post to the page itself.
        using var noScript = await admin.SubmitAsync(revealForm, $"/t/{portal.Tenant}/buckets/{name}?tab=access", null);
        Assert.Equal(HttpStatusCode.OK, noScript.StatusCode);
        Assert.Contains(secretKey, await noScript.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("no-store", noScript.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        // Download .env: no-store, audited.
        var download = access.FormTo($"/t/{portal.Tenant}/buckets/{name}/users/admin/download")!;
        using var env = await admin.SubmitAsync(download, "", null);
        Assert.Equal(HttpStatusCode.OK, env.StatusCode);
        Assert.Contains("no-store", env.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains($"AWS_SECRET_ACCESS_KEY={secretKey}", (await env.Content.ReadAsStringAsync()).Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var reveals = await AuditAsync(AuditActions.CredentialRevealed, $"{name}/admin");
        Assert.Equal(3, reveals.Count); // htmx reveal, page reveal, download
        Assert.All(reveals, e => Assert.Equal(portal.AdminEmail.ToLowerInvariant(), e.UserName));
        Assert.All(reveals, e => Assert.DoesNotContain(secretKey, e.Detail ?? "", StringComparison.Ordinal));

        // Rotate: new keys, and radosgw rejects the old ones.
        var rotateForm = access.FormTo($"/t/{portal.Tenant}/buckets/{name}/users/admin/rotate")!;
        using var rotate = await admin.SubmitAsync(rotateForm, "", null);
        Assert.Equal(HttpStatusCode.Redirect, rotate.StatusCode);
        Assert.Contains("notice=user-rotated", rotate.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var (newAccessKey, newSecretKey) = await BucketHttp.WaitForCredentialsAsync(portal.Namespace, name, "admin", not: accessKey);
        var s3Bucket = (await Cluster.Admin.GetSecretAsync(portal.Namespace, BucketNames.CredentialsSecretName(name, "admin"))).GetString("bucketName")!;
        Assert.True(await S3Probe.CanListAsync(newAccessKey, newSecretKey, s3Bucket));
        Assert.False(await S3Probe.CanListAsync(accessKey, secretKey, s3Bucket));
        Assert.Single(await AuditAsync(AuditActions.BucketUserRotated, $"{name}/admin"));

        // Delete (empty bucket): typed confirmation, then the list says so; a second delete says it was already gone.
        var (_, deletePage) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets/{name}/delete");
        Assert.Equal("empty", deletePage.QuerySelector("[data-usage]")?.GetAttribute("data-usage"));
        var deleteForm = deletePage.NamedForm("delete-bucket")!;
        var fields = new Dictionary<string, string> { ["Input.Confirmation"] = name, ["Input.Mode"] = "delete" };
        using var wrong = await admin.SubmitAsync(deleteForm, $"/t/{portal.Tenant}/buckets/{name}/delete", new Dictionary<string, string> { ["Input.Confirmation"] = "nope", ["Input.Mode"] = "delete" });
        Assert.Contains("exactly to confirm", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var deleted = await admin.SubmitAsync(deleteForm, $"/t/{portal.Tenant}/buckets/{name}/delete", fields);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal($"/t/{portal.Tenant}/buckets?deleted={name}", deleted.LocalLocation());
        await WaitGoneAsync(name);
        using var again = await admin.SubmitAsync(deleteForm, $"/t/{portal.Tenant}/buckets/{name}/delete", fields);
        var againPage = await again.PageAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains($"Bucket {name} was already deleted", againPage.QuerySelector("[data-delete-outcome=gone]")?.TextContent, StringComparison.Ordinal);
        var (goneResponse, gonePage) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets/{name}");
        Assert.Equal(HttpStatusCode.NotFound, goneResponse.StatusCode);
        Assert.Contains("does not exist", gonePage.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(await AuditAsync(AuditActions.BucketDeleted, name));
    }

    [Fact]
    public async Task A_name_already_used_is_an_error_on_the_name_not_a_crash()
    {
        var name = LocalPlatform.UniqueName("dup");
        await portal.CreateBucketAsync(portal.AdminEmail, name, ("admin", false));

        // What the create page shows under the name field (the service's answer, by field).
        var refused = await Assert.ThrowsAsync<InvalidException>(() => portal.CreateBucketAsync(portal.AdminEmail, name, ("admin", false)));

        Assert.Contains($"already used in {portal.Namespace}", Assert.Single(refused.Errors["Name"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rules_are_checked_by_the_service_and_as_you_type()
    {
        var refused = await Assert.ThrowsAsync<InvalidException>(() =>
            portal.CreateBucketAsync(portal.AdminEmail, "Not_Valid", ("admin", false), ("admin", true)));

        Assert.Contains("lower-case letters", Assert.Single(refused.Errors["Name"]), StringComparison.Ordinal);
        Assert.Contains("listed twice", Assert.Single(refused.Errors["Users[1].Name"]), StringComparison.Ordinal);
        Assert.Null(await Cluster.Admin.Buckets.FindAsync(portal.Namespace, "not-valid", null, default));

        var check = (string name) => portal.AsUserAsync(portal.User(portal.AdminEmail), s =>
            s.GetRequiredService<IBucketService>().CheckNameAsync(portal.Tenant, name, CancellationToken.None));
        var invalid = await check(new string('a', 47));
        Assert.NotNull(invalid.Problem);
        Assert.Null(invalid.Available);
        Assert.True((await check(LocalPlatform.UniqueName("free"))).Available);
    }

    private async Task<List<AuditEntry>> AuditAsync(string action, string target) =>
        await portal.AsSystemAsync(services => services.GetRequiredService<IPortalDb>().AuditEntries.AsNoTracking()
            .Where(e => e.Tenant == portal.Tenant && e.Action == action && e.Target == target && e.Outcome == AuditOutcome.Success)
            .ToListAsync());

    private async Task WaitGoneAsync(string name)
    {
        for (var i = 0; i < 200 && await Cluster.Admin.Buckets.FindAsync(portal.Namespace, name, null, default) is not null; i++)
        {
            await Task.Delay(300);
        }
        Assert.Null(await Cluster.Admin.Buckets.FindAsync(portal.Namespace, name, null, default));
    }
}
