using System.Globalization;
using System.Text.Json;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Web.Components.Pages.Objects;

namespace HikubePortal.ComponentTests.Objects;

/// <summary>The listed page the prerendered object browser hands to the interactive one: the same page, or the same failure, after JSON.</summary>
public sealed class ListingSnapshotTests
{
    private static readonly DateTimeOffset Modified = new(2026, 12, 6, 11, 59, 58, 123, TimeSpan.Zero);

    [Fact]
    public void A_listed_page_comes_back_whole_after_json()
    {
        var page = new ObjectPage("docs/", "re", 1000,
            [new FolderEntry("docs/reports/", "reports"), new FolderEntry("docs/re a%b/", "re a%b")],
            [
                new ObjectEntry("docs/readme.md", "readme.md", 2048, Modified, "d41d8cd98f00b204e9800998ecf8427e", "STANDARD"),
                new ObjectEntry("docs/re ü#?.txt", "re ü#?.txt", 0, null, null, null),
            ],
            "1.tag.next");
        var folder = new ObjectFolder(page, CanWrite: true, new Uri("http://s3.example.org:7480"));

        var back = RoundTrip(ListingSnapshot.Of("q", folder, null, 42));

        Assert.Equal(("q", 42L, (PortalException?)null), (back.Query, back.ServerMilliseconds, back.Problem()));
        var restored = back.Folder()!;
        Assert.Equal((true, folder.Endpoint), (restored.CanWrite, restored.Endpoint));
        Assert.Equal((page.Prefix, page.Search, page.PageSize, page.NextPageToken),
            (restored.Page.Prefix, restored.Page.Search, restored.Page.PageSize, restored.Page.NextPageToken));
        Assert.Equal(page.Folders, restored.Page.Folders);
        Assert.Equal(page.Objects, restored.Page.Objects);
    }

    [Fact]
    public void A_key_outside_the_folder_is_kept_whole()
    {
        var page = new ObjectPage("docs/", null, 50, [], [new ObjectEntry("elsewhere/a.txt", "elsewhere/a.txt", 1, Modified, "e", null)], null);

        var restored = RoundTrip(ListingSnapshot.Of("q", new ObjectFolder(page, false), null, 1)).Folder()!;

        Assert.Equal("elsewhere/a.txt", Assert.Single(restored.Page.Objects).Key);
    }

    [Fact]
    public void A_failure_comes_back_as_the_same_kind_in_the_same_words()
    {
        var back = RoundTrip(ListingSnapshot.Of("q", null, InvalidException.For("pageToken", "This page link is damaged."), 3));

        Assert.Null(back.Folder());
        Assert.Equal("This page link is damaged.", Assert.IsType<InvalidException>(back.Problem()).Message);
    }

    [Theory]
    [InlineData(100, true)] // the default page size
    [InlineData(1000, false)] // would close the circuit's connection: the interactive page lists again
    public void Only_a_page_small_enough_to_start_a_circuit_with_is_persisted(int count, bool persisted)
    {
        var page = new ObjectPage("many/", null, count, [],
            [.. Enumerable.Range(0, count).Select(i => new ObjectEntry($"many/obj-{i:000000}.txt", $"obj-{i:000000}.txt", 0, Modified, "d41d8cd98f00b204e9800998ecf8427e", "STANDARD"))],
            "1.tag.next");

        var snapshot = ListingSnapshot.Persistable("q", new ObjectFolder(page, true), null, 1);

        Assert.Equal(persisted, snapshot is not null);
    }

    [Theory]
    [InlineData("obj-{0:000000}.txt")]
    [InlineData("été/\"quoted\" <b>{0}</b>\\ 日本語 😀")] // escaped and multi-byte characters only weigh more
    public void The_quick_size_check_never_counts_more_than_the_json_weighs(string pattern)
    {
        var page = new ObjectPage("many/", null, 100, [new FolderEntry("many/sub/", "sub")],
            [.. Enumerable.Range(0, 100).Select(i => new ObjectEntry("many/" + string.Format(CultureInfo.InvariantCulture, pattern, i), "x", 0, Modified, null, null))],
            null);
        var columns = ListedColumns.Of(page);

        var json = JsonSerializer.SerializeToUtf8Bytes(columns, JsonSerializerOptions.Web);

        Assert.InRange(columns.MinJsonBytes, 1, json.Length);
        Assert.DoesNotContain("minJsonBytes", System.Text.Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    private static ListingSnapshot RoundTrip(ListingSnapshot snapshot) =>
        JsonSerializer.Deserialize<ListingSnapshot>(JsonSerializer.Serialize(snapshot, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;
}
