using HikubePortal.Application.Objects;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>Sorts one listed page: folders first (by name), then the objects by the chosen column; ties by name.</summary>
public static class ObjectSorting
{
    public static IReadOnlyList<FolderEntry> Folders(IReadOnlyList<FolderEntry> folders, ObjectSort sort, bool descending)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var byName = folders.OrderBy(f => f.Name, StringComparer.Ordinal);
        return sort == ObjectSort.Name && descending ? [.. byName.Reverse()] : [.. byName];
    }

    public static IReadOnlyList<ObjectEntry> Objects(IReadOnlyList<ObjectEntry> objects, ObjectSort sort, bool descending)
    {
        ArgumentNullException.ThrowIfNull(objects);
        IOrderedEnumerable<ObjectEntry> ordered = sort switch
        {
            ObjectSort.Size => descending ? objects.OrderByDescending(o => o.Size) : objects.OrderBy(o => o.Size),
            ObjectSort.Modified => descending
                ? objects.OrderByDescending(o => o.LastModified ?? DateTimeOffset.MinValue)
                : objects.OrderBy(o => o.LastModified ?? DateTimeOffset.MinValue),
            _ => descending ? objects.OrderByDescending(o => o.Name, StringComparer.Ordinal) : objects.OrderBy(o => o.Name, StringComparer.Ordinal),
        };
        return sort == ObjectSort.Name ? [.. ordered] : [.. ordered.ThenBy(o => o.Name, StringComparer.Ordinal)];
    }
}
