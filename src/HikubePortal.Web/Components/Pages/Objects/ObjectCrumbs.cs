using HikubePortal.Application.Objects;
using HikubePortal.Web.Components.Pages.Buckets;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>Breadcrumbs of the object browser: the bucket, then each folder of the prefix.</summary>
public static class ObjectCrumbs
{
    /// <summary>Up to (not including) the folder <paramref name="prefix"/> itself; the page title names it.</summary>
    public static IReadOnlyList<(string Text, string Href)> Folder(string tenant, string bucket, string prefix)
    {
        var crumbs = new List<(string Text, string Href)>(BucketCrumbs.Bucket(tenant, bucket));
        var folder = ObjectKey.NormalizeFolder(prefix);
        if (folder.Length == 0)
        {
            return crumbs;
        }
        crumbs.Add(("Objects", ObjectLinks.Browse(tenant, bucket)));
        foreach (var parent in Parents(folder).SkipLast(1))
        {
            crumbs.Add((Display(ObjectKey.NameWithin(parent, ObjectKey.ParentOf(parent))), ObjectLinks.Browse(tenant, bucket, parent)));
        }
        return crumbs;
    }

    /// <summary>The title of a folder page: the folder's name, or "Objects in bucket" at the root.</summary>
    public static string Title(string bucket, string prefix)
    {
        var folder = ObjectKey.NormalizeFolder(prefix);
        return folder.Length == 0 ? $"Objects in {bucket}" : Display(ObjectKey.NameWithin(folder, ObjectKey.ParentOf(folder)));
    }

    /// <summary>A name as shown: an empty one (a key like <c>a//b</c>) is named so.</summary>
    public static string Display(string name) => name.Length == 0 ? "(no name)" : name;

    /// <summary><c>a/b/c/</c> → <c>a/</c>, <c>a/b/</c>, <c>a/b/c/</c> (an empty segment, as in <c>a//b/</c>, is kept).</summary>
    public static IEnumerable<string> Parents(string folder)
    {
        for (var i = 0; i < folder.Length; i++)
        {
            if (folder[i] == '/')
            {
                yield return folder[..(i + 1)];
            }
        }
    }
}
