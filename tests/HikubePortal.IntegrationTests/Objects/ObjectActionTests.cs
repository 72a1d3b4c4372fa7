using System.IO.Compression;
using System.Net;
using System.Text;
using HikubePortal.Application.Audit;
using HikubePortal.Application.Buckets;
using HikubePortal.Application.Common;
using HikubePortal.Application.Credentials;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Tenants;
using HikubePortal.IntegrationTests.Buckets;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Objects;

/// <summary>What a member with role use changes in a real bucket: folders, zips, share links, renames, deletes (audited).</summary>
public sealed class ObjectActionTests(ObjectPortal portal) : IClassFixture<ObjectPortal>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Creates_a_folder_and_refuses_bad_names_in_words()
    {
        var root = LocalPlatform.UniqueName("mk") + "/";
        var user = portal.Member(portal.UseEmail);

        // What the new-folder dialog calls, as the user of the page's circuit.
        var (created, refused) = await portal.AsUserAsync(user, async services =>
        {
            var browser = services.GetRequiredService<IObjectBrowser>();
            var prefix = await browser.CreateFolderAsync(portal.Tenant, portal.Files, root, "new folder é", None);
            return (prefix, await Assert.ThrowsAsync<InvalidException>(() => browser.CreateFolderAsync(portal.Tenant, portal.Files, root, "..", None)));
        });
        Assert.Equal(root + "new folder é/", created);
        Assert.Contains(root + "new folder é/", await portal.KeysAsync(root));
        Assert.Contains("'.' or '..'", refused.Message, StringComparison.Ordinal);
        Assert.Equal([root + "new folder é/"], await portal.KeysAsync(root));

        // The folder page shows it, prerendered.
        using var client = await portal.SignedInAsync(portal.UseEmail);
        var (response, page) = await client.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.Files, root));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([root + "new folder é/"], page.FolderPrefixes());
    }

    [Fact]
    public async Task Downloads_a_selection_and_a_folder_as_a_streamed_zip()
    {
        var root = LocalPlatform.UniqueName("zip") + "/";
        await portal.PutAsync((root + "a.txt", Encoding.UTF8.GetBytes("alpha")), (root + "sub/b.txt", Encoding.UTF8.GetBytes("beta")), (root + "sub/deep/c #?.txt", Encoding.UTF8.GetBytes("gamma")));
        using var user = await portal.SignedInAsync(portal.UseEmail);
        var zipUrl = $"/t/{portal.Tenant}/buckets/{portal.Files}/objects/zip";

        // The selection bar posts a form with the session's antiforgery token, as the page's script does.
        using var selection = await user.PostAsync(zipUrl, new FormUrlEncodedContent(
        [
            new(PortalHttp.AntiforgeryField, await user.AntiforgeryTokenAsync()),
            new("prefix", root), new("key", root + "a.txt"), new("folder", root + "sub/"),
        ]));
        Assert.Equal(HttpStatusCode.OK, selection.StatusCode);
        Assert.Equal("application/zip", selection.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", selection.Headers.CacheControl?.ToString());
        var entries = await ReadZipAsync(selection);
        Assert.Equal("alpha", entries["a.txt"]);
        Assert.Equal("beta", entries["sub/b.txt"]);
        Assert.Equal("gamma", entries["sub/deep/c #?.txt"]);

        // Without the token, nothing is zipped.
        using var forged = await user.PostAsync(zipUrl, new FormUrlEncodedContent([new("prefix", root), new("key", root + "a.txt")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // A folder's row action is a link to the zip of the folder.
        using var folder = await user.GetAsync($"{zipUrl}?folder={Uri.EscapeDataString(root + "sub/")}");
        Assert.Equal(HttpStatusCode.OK, folder.StatusCode);
        Assert.Equal(["sub/b.txt", "sub/deep/c #?.txt"], (await ReadZipAsync(folder)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Revealing_credentials_and_making_share_links_stop_at_the_per_user_limit_with_the_wait_in_words()
    {
        var key = LocalPlatform.UniqueName("limit") + "/a.txt";
        await portal.PutAsync((key, Encoding.UTF8.GetBytes("limited")));
        // A member of their own: the counts are per user, and other tests share links as the fixture's members.
        var member = await portal.CreateUserAsync("limited");
        await portal.AsSystemAsync(async s =>
        {
            await s.GetRequiredService<IMembershipService>().AddExistingAsync(portal.Tenant, member.Email, TenantRole.Use, None);
            return 0;
        });
        var limits = portal.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ActionLimitOptions>>().Value;

        var (reveals, links, revealRefused, linkRefused) = await portal.AsUserAsync(member, async services =>
        {
            var credentials = services.GetRequiredService<ICredentialService>();
            var browser = services.GetRequiredService<IObjectBrowser>();
            var (revealed, shared) = (0, 0);
            for (var i = 0; i < limits.CredentialRevealsPerUser; i++, revealed++)
            {
                await credentials.RevealAsync(portal.Tenant, portal.Files, i % 2 == 0 ? "admin" : "reader", None);
            }
            for (var i = 0; i < limits.ShareLinksPerUser; i++, shared++)
            {
                await browser.ShareLinkAsync(portal.Tenant, portal.Files, key, TimeSpan.FromMinutes(5), None);
            }
            return (revealed, shared,
                await Assert.ThrowsAsync<TooManyRequestsException>(() => credentials.DownloadAsync(portal.Tenant, portal.Files, "admin", CredentialFileFormat.DotEnv, None)),
                await Assert.ThrowsAsync<TooManyRequestsException>(() => browser.ShareLinkAsync(portal.Tenant, portal.Files, key, TimeSpan.FromMinutes(5), None)));
        });

        Assert.Equal((limits.CredentialRevealsPerUser, limits.ShareLinksPerUser), (reveals, links));
        Assert.Matches(@"^Credentials were shown too many times in a short while: try again in \d+ s\.$", revealRefused.Message);
        Assert.Matches(@"^Too many share links were made in a short while: try again in \d+ s\.$", linkRefused.Message);
        // Refused: nothing shown, so nothing audited beyond the permitted ones.
        Assert.Equal(limits.ShareLinksPerUser, (await portal.AuditAsync(AuditActions.ObjectShared)).Count(e => e.Target == $"{portal.Files}/{key}"));
        // Another member is not held back by this one's count.
        await portal.AsMemberAsync(portal.UseEmail, s => s.GetRequiredService<ICredentialService>().RevealAsync(portal.Tenant, portal.Files, "reader", None));
    }

    [Fact]
    public async Task A_share_link_works_without_the_portal_session_and_is_audited_without_its_url()
    {
        var key = LocalPlatform.UniqueName("share") + "/report été.txt";
        await portal.PutAsync((key, Encoding.UTF8.GetBytes("shared bytes")));

        // What the share dialog calls; the link is shown in the dialog only (never in a URL or the prerendered page).
        var link = await portal.AsUserAsync(portal.Member(portal.UseEmail), services =>
            services.GetRequiredService<IObjectBrowser>().ShareLinkAsync(portal.Tenant, portal.Files, key, TimeSpan.FromHours(2), None));
        Assert.InRange(link.ExpiresAt, DateTimeOffset.UtcNow.AddHours(2).AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(2).AddMinutes(5));

        using var stranger = new HttpClient();
        Assert.Equal("shared bytes", await stranger.GetStringAsync(new Uri(link.Url)));
        var audit = (await portal.AuditAsync(AuditActions.ObjectShared)).First(e => e.Target == $"{portal.Files}/{key}");
        Assert.Equal("share link valid 2 hours", audit.Detail);
        Assert.DoesNotContain("X-Amz", audit.Detail + audit.Target, StringComparison.OrdinalIgnoreCase);

        // A lifetime outside 1 minute to 7 days is refused in words, and nothing is audited for it.
        var refused = await Assert.ThrowsAsync<InvalidException>(() => portal.AsUserAsync(portal.Member(portal.UseEmail), services =>
            services.GetRequiredService<IObjectBrowser>().ShareLinkAsync(portal.Tenant, portal.Files, key, TimeSpan.FromDays(8), None)));
        Assert.Contains("7 days", refused.Message, StringComparison.Ordinal);
        Assert.Single(await portal.AuditAsync(AuditActions.ObjectShared), e => e.Target == $"{portal.Files}/{key}");
    }

    [Fact]
    public async Task Renames_an_object_and_audits_the_move()
    {
        var root = LocalPlatform.UniqueName("mv") + "/";
        await portal.PutAsync((root + "old name.txt", Encoding.UTF8.GetBytes("moving")));

        // What the rename/move dialog calls.
        var clash = await portal.AsUserAsync(portal.Member(portal.UseEmail), async services =>
        {
            var browser = services.GetRequiredService<IObjectBrowser>();
            var moved = await browser.MoveAsync(portal.Tenant, portal.Files, root + "old name.txt", root + "new/ñame+1.txt", None);
            Assert.Equal(root + "new/ñame+1.txt", moved.Key);
            return await Assert.ThrowsAsync<InvalidException>(() => browser.MoveAsync(portal.Tenant, portal.Files, root + "new/ñame+1.txt", root + "new/ñame+1.txt", None));
        });
        Assert.Contains("same as the old one", clash.Message, StringComparison.Ordinal);
        Assert.Equal([root + "new/ñame+1.txt"], await portal.KeysAsync(root));
        Assert.Contains(await portal.AuditAsync(AuditActions.ObjectMoved), e => e.Target == $"{portal.Files}/{root}old name.txt" && e.Detail == $"to {root}new/ñame+1.txt");

        using var user = await portal.SignedInAsync(portal.UseEmail);
        var (bytes, _, _) = await user.DownloadAsync(ObjectHttp.With(portal.Tenant, portal.Files, "download", root + "new/ñame+1.txt"));
        Assert.Equal("moving", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Deletes_one_object_a_selection_and_a_folder_in_the_background()
    {
        var root = LocalPlatform.UniqueName("del") + "/";
        var many = Enumerable.Range(0, 1500).Select(i => ($"{root}big/f{i:D4}", new byte[] { 1 })).ToArray();
        await portal.PutAsync([(root + "one #1.txt", [1]), (root + "two.txt", [2]), (root + "three.txt", [3]), .. many]);

        // What the delete dialog calls: one object; then a selection, whose folder is counted first and deleted by a job.
        var (count, job) = await portal.AsUserAsync(portal.Member(portal.UseEmail), async services =>
        {
            var browser = services.GetRequiredService<IObjectBrowser>();
            var single = await browser.DeleteAsync(portal.Tenant, portal.Files, [root + "one #1.txt"], None);
            Assert.Equal((1, 0), (single.Deleted, single.FailedCount));
            Assert.DoesNotContain(root + "one #1.txt", await portal.KeysAsync(root));

            var counted = await browser.CountAsync(portal.Tenant, portal.Files, [root + "big/"], None);
            var keys = await browser.DeleteAsync(portal.Tenant, portal.Files, [root + "two.txt", root + "three.txt"], None);
            Assert.Equal((2, 0), (keys.Deleted, keys.FailedCount));
            var started = await browser.StartDeleteFoldersAsync(portal.Tenant, portal.Files, [root + "big/"], counted, None);
            var state = started;
            for (var i = 0; i < 300 && state.IsActive; i++)
            {
                await Task.Delay(300);
                state = await browser.GetJobAsync(portal.Tenant, portal.Files, started.Id, None) ?? throw new InvalidOperationException("the job is gone");
            }
            return (counted, state);
        });
        Assert.Equal((1500, true), (count.Objects, count.Complete));
        Assert.Equal(BucketJobState.Succeeded, job.State);
        Assert.Equal((1500, 0), (job.Deleted, job.Failed));
        Assert.Empty(await portal.KeysAsync(root));
        var deletes = await portal.AuditAsync(AuditActions.ObjectDeleted);
        Assert.Contains(deletes, e => e.Target == $"{portal.Files}/{root}one #1.txt");
        Assert.Contains(deletes, e => e.Detail?.StartsWith($"2 of 2 objects: {root}two.txt", StringComparison.Ordinal) == true);
        Assert.Contains(deletes, e => e.Detail?.StartsWith("folder delete finished: 1500 objects deleted, 0 failed", StringComparison.Ordinal) == true);

        // The job's page (linked from the folder page) shows the outcome, prerendered.
        using var user = await portal.SignedInAsync(portal.UseEmail);
        var (response, page) = await user.GetPageAsync($"/t/{portal.Tenant}/buckets/{portal.Files}/objects/job?id={job.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Succeeded", page.QuerySelector("#bucket-job")?.GetAttribute("data-job-state"));
        Assert.StartsWith("1,500 objects deleted of 1,500", page.QuerySelector("[data-testid=job-count]")?.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bucket_with_only_read_only_users_is_browsed_but_refuses_changes_in_words()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => S3Probe.PutAsync(portal.ReadOnlyS3.AccessKey, portal.ReadOnlyS3.SecretKey, portal.ReadOnlyS3.Bucket, "x"));
        using var user = await portal.SignedInAsync(portal.UseEmail);
        var (response, page) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.ReadOnly));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("only read-only users", page.QuerySelector("[data-testid=read-only-note]")?.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelector("[data-testid=new-folder]")!.HasAttribute("disabled"));

        // The dialogs' services refuse in words, whatever the page shows.
        var refusals = await portal.AsUserAsync(portal.Member(portal.UseEmail), async services =>
        {
            var browser = services.GetRequiredService<IObjectBrowser>();
            return new[]
            {
                await Assert.ThrowsAsync<ConflictException>(() => browser.CreateFolderAsync(portal.Tenant, portal.ReadOnly, "", "nope", None)),
                await Assert.ThrowsAsync<ConflictException>(() => browser.DeleteAsync(portal.Tenant, portal.ReadOnly, ["anything.txt"], None)),
                await Assert.ThrowsAsync<ConflictException>(() => browser.MoveAsync(portal.Tenant, portal.ReadOnly, "a.txt", "b.txt", None)),
                await Assert.ThrowsAsync<ConflictException>(() => browser.StartDeleteFoldersAsync(portal.Tenant, portal.ReadOnly, ["any/"], null, None)),
            };
        });
        Assert.All(refusals, r => Assert.Contains("only read-only users", r.Message, StringComparison.Ordinal));
    }

    private static async Task<Dictionary<string, string>> ReadZipAsync(HttpResponseMessage response)
    {
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(await entry.OpenAsync(CancellationToken.None));
            entries[entry.FullName] = await reader.ReadToEndAsync();
        }
        return entries;
    }
}
