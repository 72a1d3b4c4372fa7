using System.Text.Json;
using System.Text.Json.Serialization;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>
/// A listed page kept from prerendering to the interactive page (so the folder is listed once): the query it answers,
/// the page (in columns, <see cref="ListedColumns"/>) or the failure in words, and how long the listing took. Never
/// holds a secret: keys, sizes, dates, ETags, the storage endpoint.
/// </summary>
public sealed record ListingSnapshot(
    string Query, ListedColumns? Page, bool CanWrite, Uri? Endpoint, string? ProblemKind, string? ProblemMessage, long ServerMilliseconds)
{
    /// <summary>
    /// The most a snapshot may weigh as JSON. The browser sends the page's persisted state back in the message that
    /// starts the circuit, base64 of the encrypted base64 of this JSON (about 1.8 times its size), and SignalR closes a
    /// connection whose message passes 32 KB (<c>MaximumReceiveMessageSize</c>): the page would never become
    /// interactive (dotnet/aspnetcore#44935). 12 KiB leaves room for the rest of the state and the component markers.
    /// </summary>
    public const int MaxJsonBytes = 12 * 1024;

    public static ListingSnapshot Of(string query, ObjectFolder? folder, PortalException? problem, long serverMilliseconds) =>
        new(query, folder is null ? null : ListedColumns.Of(folder.Page), folder?.CanWrite == true, folder?.Endpoint,
            problem?.GetType().Name, problem?.Message, serverMilliseconds);

    /// <summary>
    /// The snapshot to persist, or null when it is too large to start a circuit with (a page of 1,000 objects, long
    /// keys): then the interactive page lists the folder again.
    /// </summary>
    public static ListingSnapshot? Persistable(string query, ObjectFolder? folder, PortalException? problem, long serverMilliseconds)
    {
        var snapshot = Of(query, folder, problem, serverMilliseconds);
        if (snapshot.Page?.MinJsonBytes > MaxJsonBytes)
        {
            return null; // its keys alone are too long: no need to write the JSON to know (a page of 1,000 objects)
        }
        return JsonSerializer.SerializeToUtf8Bytes(snapshot, JsonSerializerOptions.Web).Length <= MaxJsonBytes ? snapshot : null;
    }

    /// <summary>The listed page again, as the storage answered it.</summary>
    public ObjectFolder? Folder() => Page is null ? null : new ObjectFolder(Page.ToPage(), CanWrite, Endpoint);

    /// <summary>The failure again, as the page shows it.</summary>
    public PortalException? Problem() => ProblemMessage is not { } message ? null : ProblemKind switch
    {
        nameof(NotFoundException) => new NotFoundException(message),
        nameof(ForbiddenException) => new ForbiddenException(message),
        nameof(ConflictException) => new ConflictException(message),
        nameof(InvalidException) => new InvalidException(message),
        _ => new UnavailableException(message),
    };
}

/// <summary>
/// An <see cref="ObjectPage"/> in columns, for the page's persisted state: each key once and relative to the folder
/// (names are derived from it, as the listing derives them), times in Unix milliseconds, no property name per entry.
/// A page of 1,000 objects is a third of its size as records, and the state is serialised, encrypted, encoded and
/// sent with every page view.
/// </summary>
public sealed record ListedColumns(
    string Prefix,
    string? Search,
    int PageSize,
    string Root,
    string[] Folders,
    string[] Keys,
    long[] Sizes,
    long?[] Modified,
    string?[] ETags,
    string?[] StorageClasses,
    string? NextPageToken)
{
    public static ListedColumns Of(ObjectPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // S3 answers keys under the listed prefix; should one not be, every key is kept whole.
        var root = page.Folders.All(f => f.Prefix.StartsWith(page.Prefix, StringComparison.Ordinal))
            && page.Objects.All(o => o.Key.StartsWith(page.Prefix, StringComparison.Ordinal)) ? page.Prefix : "";
        var objects = page.Objects;
        var keys = new string[objects.Count];
        var sizes = new long[objects.Count];
        var modified = new long?[objects.Count];
        var etags = new string?[objects.Count];
        var classes = new string?[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            var o = objects[i];
            (keys[i], sizes[i], modified[i], etags[i], classes[i]) =
                (o.Key[root.Length..], o.Size, o.LastModified?.ToUnixTimeMilliseconds(), o.ETag, o.StorageClass);
        }
        return new ListedColumns(page.Prefix, page.Search, page.PageSize, root, [.. page.Folders.Select(f => f.Prefix[root.Length..])],
            keys, sizes, modified, etags, classes, page.NextPageToken);
    }

    /// <summary>
    /// The least the JSON of these columns can weigh: each key and folder as a quoted string and a separator (a character
    /// is at least one byte in UTF-8, escaping only adds), before anything else is counted.
    /// </summary>
    [JsonIgnore]
    public long MinJsonBytes
    {
        get
        {
            long bytes = 0;
            foreach (var key in Keys)
            {
                bytes += key.Length + 3;
            }
            foreach (var folder in Folders)
            {
                bytes += folder.Length + 3;
            }
            return bytes;
        }
    }

    public ObjectPage ToPage()
    {
        var folders = new FolderEntry[Folders.Length];
        for (var i = 0; i < Folders.Length; i++)
        {
            var prefix = Root + Folders[i];
            folders[i] = new FolderEntry(prefix, ObjectKey.NameWithin(prefix, Prefix));
        }
        var objects = new ObjectEntry[Keys.Length];
        for (var i = 0; i < Keys.Length; i++)
        {
            var key = Root + Keys[i];
            objects[i] = new ObjectEntry(key, ObjectKey.NameWithin(key, Prefix), Sizes[i],
                Modified[i] is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, ETags[i], StorageClasses[i]);
        }
        return new ObjectPage(Prefix, Search, PageSize, folders, objects, NextPageToken);
    }
}
