using System.Net;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Kubernetes;
using HikubePortal.Kubernetes.Cozystack;
using HikubePortal.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Buckets;

/// <summary>
/// The admin's journey against the real platform: create -> Ready -> reveal and download (audited, never in a
/// prerendered page) -> rotate (old keys rejected by radosgw) -> users -> delete, the actions as the bucket page's
/// handlers call them in the admin's circuit.
/// </summary>
public sealed class BucketJourneyTests(BucketPortal portal) : IClassFixture<BucketPortal>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_ready_reveal_rotate_delete()
    {
        var name = LocalPlatform.UniqueName("jrn");
        using var admin = await portal.SignedInAsync(portal.AdminEmail);

        // Create as the create page's submit does in the admin's circuit.
        var created = await portal.CreateBucketAsync(name, ("admin", false), ("viewer", true));
        Assert.Equal(name, created.Name);
        var bucket = await Cluster.Admin.Buckets.GetAsync(portal.Namespace, name, null, default);
        Assert.True(bucket.Users["viewer"].Readonly);
        Assert.False(bucket.Users["admin"].Readonly);

        await portal.WaitForPhaseAsync(name, BucketPhase.Ready);
        var (accessKey, secretKey) = await BucketHttp.WaitForCredentialsAsync(portal.Namespace, name, "admin");

        // The prerendered Access tab: the access key, never the secret.
        await AssertAccessTabAsync(admin, name, accessKey, secretKey);

        // Reveal and download, as the page's handlers do in the admin's circuit: the secret, audited.
        var (revealed, env) = await AsAdminAsync(async services =>
        {
            var credentials = services.GetRequiredService<ICredentialService>();
            return (await credentials.RevealAsync(portal.Tenant, name, "admin", None),
                await credentials.DownloadAsync(portal.Tenant, name, "admin", CredentialFileFormat.DotEnv, None));
        });
        Assert.Equal((accessKey, secretKey), (revealed.Connection.AccessKey, revealed.Connection.SecretKey));
        Assert.Contains($"AWS_SECRET_ACCESS_KEY={secretKey}", env.Content.Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var reveals = await AuditAsync(AuditActions.CredentialRevealed, $"{name}/admin");
        Assert.Equal(2, reveals.Count); // reveal, download
        Assert.All(reveals, e => Assert.Equal(portal.AdminEmail.ToLowerInvariant(), e.UserName));
        Assert.All(reveals, e => Assert.DoesNotContain(secretKey, e.Detail ?? "", StringComparison.Ordinal));
        // A reveal lives in the circuit only: the next page view still has no secret.
        await AssertAccessTabAsync(admin, name, accessKey, secretKey);

        // Rotate: new keys, and radosgw rejects the old ones.
        await portal.AsMemberAsync(portal.AdminEmail, services => services.GetRequiredService<IBucketUserService>().RotateAsync(portal.Tenant, name, "admin", None));
        var (newAccessKey, newSecretKey) = await BucketHttp.WaitForCredentialsAsync(portal.Namespace, name, "admin", not: accessKey);
        var s3Bucket = (await Cluster.Admin.GetSecretAsync(portal.Namespace, BucketNames.CredentialsSecretName(name, "admin"))).GetString("bucketName")!;
        Assert.True(await S3Probe.CanListAsync(newAccessKey, newSecretKey, s3Bucket));
        Assert.False(await S3Probe.CanListAsync(accessKey, secretKey, s3Bucket));
        Assert.Single(await AuditAsync(AuditActions.BucketUserRotated, $"{name}/admin"));

        // Users: add (a second add is a conflict), make read-write, remove; the platform's resource follows.
        await ChangeUsersAsync(users => users.AddAsync(portal.Tenant, name, "extra", true, None));
        var duplicate = await Assert.ThrowsAsync<ConflictException>(() => ChangeUsersAsync(users => users.AddAsync(portal.Tenant, name, "extra", false, None)));
        Assert.Contains("already has a user extra", duplicate.Message, StringComparison.Ordinal);
        await ChangeUsersAsync(users => users.SetReadOnlyAsync(portal.Tenant, name, "viewer", false, None));
        bucket = await Cluster.Admin.Buckets.GetAsync(portal.Namespace, name, null, default);
        Assert.True(bucket.Users["extra"].Readonly);
        Assert.False(bucket.Users["viewer"].Readonly);
        await ChangeUsersAsync(users => users.RemoveAsync(portal.Tenant, name, "extra", None));
        bucket = await Cluster.Admin.Buckets.GetAsync(portal.Namespace, name, null, default);
        Assert.Equal(["admin", "viewer"], bucket.Users.Keys.Order(StringComparer.Ordinal));
        Assert.Single(await AuditAsync(AuditActions.BucketUserAdded, $"{name}/extra"));
        Assert.Single(await AuditAsync(AuditActions.BucketUserRemoved, $"{name}/extra"));

        // Delete (empty bucket, as the dialog finds it); a second delete says it was already gone; the page answers 404.
        var (usage, deletion) = await AsAdminAsync(async services => (
            await services.GetRequiredService<IBucketUsageService>().MeasureAsync(portal.Tenant, name, None),
            await services.GetRequiredService<IBucketService>().DeleteAsync(portal.Tenant, name, None)));
        Assert.True(usage.IsEmpty);
        Assert.Equal(BucketDeletion.Requested, deletion);
        await portal.WaitGoneAsync(name);
        Assert.Equal(BucketDeletion.AlreadyGone, await AsAdminAsync(services => services.GetRequiredService<IBucketService>().DeleteAsync(portal.Tenant, name, None)));
        var (goneResponse, gonePage) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets/{name}");
        Assert.Equal(HttpStatusCode.NotFound, goneResponse.StatusCode);
        Assert.Contains($"Bucket {name} does not exist", gonePage.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(await AuditAsync(AuditActions.BucketDeleted, name));
    }

    [Fact]
    public async Task A_name_already_used_is_an_error_on_the_name_not_a_crash()
    {
        var name = LocalPlatform.UniqueName("dup");
        await portal.CreateBucketAsync(name, ("admin", false));

        // What the create page shows under the name field (the service's answer, by field).
        var refused = await Assert.ThrowsAsync<InvalidException>(() => portal.CreateBucketAsync(name, ("admin", false)));

        Assert.Contains($"already used in {portal.Namespace}", Assert.Single(refused.Errors["Name"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rules_are_checked_by_the_service_and_as_you_type()
    {
        var refused = await Assert.ThrowsAsync<InvalidException>(() =>
            portal.CreateBucketAsync("Not_Valid", ("admin", false), ("admin", true)));

        Assert.Contains("lower-case letters", Assert.Single(refused.Errors["Name"]), StringComparison.Ordinal);
        Assert.Contains("listed twice", Assert.Single(refused.Errors["Users[1].Name"]), StringComparison.Ordinal);
        Assert.Null(await Cluster.Admin.Buckets.FindAsync(portal.Namespace, "not-valid", null, default));

        var check = (string name) => portal.AsMemberAsync(portal.AdminEmail, s =>
            s.GetRequiredService<IBucketService>().CheckNameAsync(portal.Tenant, name, CancellationToken.None));
        var invalid = await check(new string('a', 47));
        Assert.NotNull(invalid.Problem);
        Assert.Null(invalid.Available);
        Assert.True((await check(LocalPlatform.UniqueName("free"))).Available);
    }

    private async Task AssertAccessTabAsync(HttpClient admin, string name, string accessKey, string secretKey)
    {
        var (response, access) = await admin.GetPageAsync($"/t/{portal.Tenant}/buckets/{name}?tab=access");
        var html = access.DocumentElement.OuterHtml;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(accessKey, access.QuerySelector("[data-user=admin]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(access.QuerySelector("[data-user=admin] [data-secret=masked]"));
        Assert.DoesNotContain(secretKey, html, StringComparison.Ordinal);
    }

    /// <summary>
    /// A change of the users in the admin's circuit. The platform writes the bucket's status after each change; a change
    /// made in that instant is refused ("changed at the same time; reload the page and try again") and the person tries
    /// again, as the page tells them. Any other refusal is the answer.
    /// </summary>
    private async Task ChangeUsersAsync(Func<IBucketUserService, Task> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await portal.AsMemberAsync(portal.AdminEmail, services => change(services.GetRequiredService<IBucketUserService>()));
                return;
            }
            catch (ConflictException ex) when (attempt < 10 && ex.Message.Contains("changed at the same time", StringComparison.Ordinal))
            {
                await Task.Delay(500);
            }
        }
    }

    private Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action) => portal.AsMemberAsync(portal.AdminEmail, action);

    private async Task<List<AuditEntry>> AuditAsync(string action, string target) =>
        await portal.AsSystemAsync(services => services.GetRequiredService<IPortalDb>().AuditEntries.AsNoTracking()
            .Where(e => e.Tenant == portal.Tenant && e.Action == action && e.Target == target && e.Outcome == AuditOutcome.Success)
            .ToListAsync());
}
