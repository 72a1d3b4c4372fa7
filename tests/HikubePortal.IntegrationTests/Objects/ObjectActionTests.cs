using System.IO.Compression;
using System.Net;
using System.Text;
using HikubePortal.Application.Audit;
using HikubePortal.IntegrationTests.Buckets;
using HikubePortal.IntegrationTests.Infrastructure;
using HikubePortal.Testing;

namespace HikubePortal.IntegrationTests.Objects;

/// <summary>What a member with role use changes in a real bucket: folders, zips, share links, renames, deletes (audited).</summary>
public sealed class ObjectActionTests(ObjectPortal portal) : IClassFixture<ObjectPortal>
{
    [Fact]
    public async Task Creates_a_folder_and_refuses_bad_names_in_words()
    {
        var root = LocalPlatform.UniqueName("mk") + "/";
        using var user = await portal.SignedInAsync(portal.UseEmail);
        var (_, page) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.Files, root));
        var url = $"/t/{portal.Tenant}/buckets/{portal.Files}/objects/folders";

        using var created = await user.PostFieldsAsync(page, url, ("prefix", root), ("folderName", "new folder é"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("notice=folder-created", created.LocalLocation(), StringComparison.Ordinal);
        Assert.Contains(root + "new folder é/", await portal.KeysAsync(root));

        using var refused = await user.PostFieldsAsync(page, url, ("prefix", root), ("folderName", ".."));
        var (_, shown) = await user.GetPageAsync(refused.LocalLocation()!);
        Assert.Contains("error=invalid-name", refused.LocalLocation(), StringComparison.Ordinal);
        Assert.Contains("'.' or '..'", shown.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downloads_a_selection_and_a_folder_as_a_streamed_zip()
    {
        var root = LocalPlatform.UniqueName("zip") + "/";
        await portal.PutAsync((root + "a.txt", Encoding.UTF8.GetBytes("alpha")), (root + "sub/b.txt", Encoding.UTF8.GetBytes("beta")), (root + "sub/deep/c #?.txt", Encoding.UTF8.GetBytes("gamma")));
        using var user = await portal.SignedInAsync(portal.UseEmail);
        var (_, page) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.Files, root));

        using var selection = await user.PostFieldsAsync(page, $"/t/{portal.Tenant}/buckets/{portal.Files}/objects/zip", ("prefix", root), ("key", root + "a.txt"), ("folder", root + "sub/"));
        Assert.Equal(HttpStatusCode.OK, selection.StatusCode);
        Assert.Equal("application/zip", selection.Content.Headers.ContentType?.MediaType);
        var entries = await ReadZipAsync(selection);
        Assert.Equal("alpha", entries["a.txt"]);
        Assert.Equal("beta", entries["sub/b.txt"]);
        Assert.Equal("gamma", entries["sub/deep/c #?.txt"]);

        using var folder = await user.GetAsync(page.QuerySelector($"[data-prefix='{root}sub/'] [data-testid=action-zip]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, folder.StatusCode);
        Assert.Equal(["sub/b.txt", "sub/deep/c #?.txt"], (await ReadZipAsync(folder)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_share_link_works_without_the_portal_session_and_is_audited_without_its_url()
    {
        var key = LocalPlatform.UniqueName("share") + "/report été.txt";
        await portal.PutAsync((key, Encoding.UTF8.GetBytes("shared bytes")));
        using var user = await portal.SignedInAsync(portal.UseEmail);
        var url = ObjectHttp.With(portal.Tenant, portal.Files, "share", key);
        var (_, form) = await user.GetPageAsync(url);

        using var created = await user.SubmitFormAsync(form, "share-link", url, ("amount", "2"), ("unit", "hours"));
        var page = await created.PageAsync();
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        var link = page.QuerySelector("[data-testid=share-link]")?.TextContent.Trim();
        Assert.NotNull(link);
        Assert.NotNull(page.QuerySelector("[data-portal-copy='#share-link']"));
        await user.SignOutAsync();

        using var stranger = new HttpClient();
        Assert.Equal("shared bytes", await stranger.GetStringAsync(new Uri(link)));
        var audit = (await portal.AuditAsync(AuditActions.ObjectShared)).First(e => e.Target == $"{portal.Files}/{key}");
        Assert.Equal("share link valid 2 hours", audit.Detail);
        Assert.DoesNotContain("X-Amz", audit.Detail + audit.Target, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Renames_an_object_and_audits_the_move()
    {
        var root = LocalPlatform.UniqueName("mv") + "/";
        await portal.PutAsync((root + "old name.txt", Encoding.UTF8.GetBytes("moving")));
        using var user = await portal.SignedInAsync(portal.UseEmail);
        var url = ObjectHttp.With(portal.Tenant, portal.Files, "move", root + "old name.txt");
        var (_, page) = await user.GetPageAsync(url);

        using var moved = await user.SubmitFormAsync(page, "move-object", url, ("destination", root + "new/ñame+1.txt"));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal([root + "new/ñame+1.txt"], await portal.KeysAsync(root));
        var (bytes, _, _) = await user.DownloadAsync(ObjectHttp.With(portal.Tenant, portal.Files, "download", root + "new/ñame+1.txt"));
        Assert.Equal("moving", Encoding.UTF8.GetString(bytes));
        Assert.Contains(await portal.AuditAsync(AuditActions.ObjectMoved), e => e.Target == $"{portal.Files}/{root}old name.txt" && e.Detail == $"to {root}new/ñame+1.txt");

        using var clash = await user.SubmitFormAsync(page, "move-object", ObjectHttp.With(portal.Tenant, portal.Files, "move", root + "new/ñame+1.txt"), ("destination", root + "new/ñame+1.txt"));
        Assert.Contains("same as the old one", (await clash.PageAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deletes_one_object_a_selection_and_a_folder_in_the_background()
    {
        var root = LocalPlatform.UniqueName("del") + "/";
        var many = Enumerable.Range(0, 1500).Select(i => ($"{root}big/f{i:D4}", new byte[] { 1 })).ToArray();
        await portal.PutAsync([(root + "one #1.txt", [1]), (root + "two.txt", [2]), (root + "three.txt", [3]), .. many]);
        using var user = await portal.SignedInAsync(portal.UseEmail);

        using var single = await user.ConfirmDeleteAsync(ObjectHttp.With(portal.Tenant, portal.Files, "delete", root + "one #1.txt"));
        Assert.Equal(HttpStatusCode.Redirect, single.StatusCode);
        Assert.Contains("notice=deleted", single.LocalLocation(), StringComparison.Ordinal);
        Assert.DoesNotContain(root + "one #1.txt", await portal.KeysAsync(root));

        // The folder page's selection goes to the confirm page, which counts what a folder holds.
        var (_, folderPage) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.Files, root));
        var deleteUrl = $"/t/{portal.Tenant}/buckets/{portal.Files}/objects/delete";
        using var chosen = await user.PostFieldsAsync(folderPage, deleteUrl, ("_handler", "delete-select"), ("key", root + "two.txt"), ("key", root + "three.txt"), ("folder", root + "big/"));
        var confirm = await chosen.PageAsync();
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Contains("2 objects and 1 folder holding 1,500 objects", confirm.QuerySelector("[data-testid=delete-summary]")?.TextContent, StringComparison.Ordinal);

        using var started = await user.SubmitFormAsync(confirm, "delete-confirm", deleteUrl);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobUrl = started.LocalLocation()!;
        Assert.Contains("/objects/job?id=", jobUrl, StringComparison.Ordinal);
        string? state = null;
        for (var i = 0; i < 300 && state is not ("Succeeded" or "Failed"); i++)
        {
            var (_, job) = await user.GetPageAsync(jobUrl);
            state = job.QuerySelector("#bucket-job")?.GetAttribute("data-job-state");
            await Task.Delay(state is "Succeeded" or "Failed" ? 0 : 300);
        }
        Assert.Equal("Succeeded", state);
        Assert.Empty(await portal.KeysAsync(root));
        var deletes = await portal.AuditAsync(AuditActions.ObjectDeleted);
        Assert.Contains(deletes, e => e.Target == $"{portal.Files}/{root}one #1.txt");
        Assert.Contains(deletes, e => e.Detail?.StartsWith($"2 of 2 objects: {root}two.txt", StringComparison.Ordinal) == true);
        Assert.Contains(deletes, e => e.Detail?.StartsWith("folder delete finished: 1500 objects deleted, 0 failed", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_bucket_with_only_read_only_users_is_browsed_but_refuses_changes_in_words()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => S3Probe.PutAsync(portal.ReadOnlyS3.AccessKey, portal.ReadOnlyS3.SecretKey, portal.ReadOnlyS3.Bucket, "x"));
        using var user = await portal.SignedInAsync(portal.UseEmail);
        var (response, page) = await user.GetPageAsync(ObjectHttp.Browse(portal.Tenant, portal.ReadOnly));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(page.QuerySelector("#upload-button")!.HasAttribute("disabled"));
        Assert.Null(page.QuerySelector("[data-testid=new-folder-form]"));

        using var refused = await user.PostFieldsAsync(page, $"/t/{portal.Tenant}/buckets/{portal.ReadOnly}/objects/folders", ("folderName", "nope"));
        var (_, shown) = await user.GetPageAsync(refused.LocalLocation()!);
        Assert.Contains("only read-only users", shown.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);

        using var delete = await user.ConfirmDeleteAsync(ObjectHttp.With(portal.Tenant, portal.ReadOnly, "delete", "anything.txt"));
        Assert.Contains("only read-only users", (await delete.PageAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
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
