using HikubePortal.Application.Objects;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>One row of the listing: a folder or an object, at its place on the page (folders first, then the sort).</summary>
public sealed record ObjectRow(int Index, bool IsFolder, string Key, string Name, long? Size, DateTimeOffset? Modified, string Type)
{
    /// <summary>What selection and tests know the row by: the key, or the folder's prefix (ending with <c>/</c>).</summary>
    public string Id => Key;
}

/// <summary>The rows of a listed page as the page shows them.</summary>
public static class ObjectRows
{
    public static IReadOnlyList<ObjectRow> Of(ObjectPage page, ObjectSort sort, bool descending)
    {
        ArgumentNullException.ThrowIfNull(page);
        var rows = new List<ObjectRow>(page.Folders.Count + page.Objects.Count);
        foreach (var folder in ObjectSorting.Folders(page.Folders, sort, descending))
        {
            rows.Add(new ObjectRow(rows.Count, true, folder.Prefix, ObjectCrumbs.Display(folder.Name), null, null, "Folder"));
        }
        foreach (var item in ObjectSorting.Objects(page.Objects, sort, descending))
        {
            rows.Add(new ObjectRow(rows.Count, false, item.Key, ObjectCrumbs.Display(item.Name), item.Size, item.LastModified,
                PreviewTypes.MediaTypeOf(null, item.Key)));
        }
        return rows;
    }
}
