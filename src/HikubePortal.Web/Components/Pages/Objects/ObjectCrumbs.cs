using HikubePortal.Web.Components.Legacy;
using HikubePortal.Application.Objects;
using HikubePortal.Web.Components.Pages.Buckets;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>Breadcrumbs of the object browser: the bucket, then each folder of the prefix.</summary>
public static class ObjectCrumbs
{
    /// <summary>Up to (not including) the folder <paramref name="prefix"/> itself; the page title names it.</summary>
    public static IReadOnlyList<(string Text, string Href)> Folder(string tenant, string bucket, string prefix)
    {
        var crumbs = new List<(string Text, string Href)>(LegacyBucketCrumbs.Bucket(tenant, bucket));
        var folder = ObjectKey.NormalizeFolder(prefix);
        if (folder.Length == 0)
        {
            return crumbs;
        }
        crumbs.Add(("Objects", ObjectLinks.Browse(tenant, bucket)));
        foreach (var parent in Parents(folder).SkipLast(1))
        {
            crumbs.Add((ObjectKey.NameWithin(parent, ObjectKey.ParentOf(parent)), ObjectLinks.Browse(tenant, bucket, parent)));
        }
        return crumbs;
    }

    /// <summary>Up to and including the folder of <paramref name="key"/>: for the pages about one object.</summary>
    public static IReadOnlyList<(string Text, string Href)> ForKey(string tenant, string bucket, string key)
    {
        var parent = ObjectKey.ParentOf(key);
        var crumbs = new List<(string Text, string Href)>(Folder(tenant, bucket, parent));
        crumbs.Add((parent.Length == 0 ? "Objects" : Title(bucket, parent), ObjectLinks.Browse(tenant, bucket, parent)));
        return crumbs;
    }

    /// <summary>The title of a folder page: the folder's name, or "Objects" at the root.</summary>
    public static string Title(string bucket, string prefix)
    {
        var folder = ObjectKey.NormalizeFolder(prefix);
        return folder.Length == 0 ? $"Objects in {bucket}" : ObjectKey.NameWithin(folder, ObjectKey.ParentOf(folder)) is { Length: > 0 } name ? name : "/";
    }

    /// <summary><c>a/b/c/</c> → <c>a/</c>, <c>a/b/</c>, <c>a/b/c/</c> (an empty segment, as in <c>a//b/</c>, is kept).</summary>
    private static IEnumerable<string> Parents(string folder)
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
