using HikubePortal.Application.Buckets;

namespace HikubePortal.Web.Components.Pages.Buckets;

/// <summary>A bucket's usage in words: "empty", "12 objects in 3 folders, 4.2 MiB", "more than 10,000 objects (at least 3.1 GiB)".</summary>
public static class BucketUsageText
{
    public static string Describe(BucketUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (usage.IsEmpty)
        {
            return "Empty: no objects.";
        }
        var folders = usage.Folders > 0 ? $" in {BucketFormat.Count(usage.Folders, "folder", "folders")}" : string.Empty;
        return usage.Complete
            ? $"{BucketFormat.Count(usage.Objects, "object", "objects")}{folders}, {BucketFormat.Bytes(usage.Bytes)}."
            : $"More than {BucketFormat.Count(usage.Objects, "object", "objects")}{folders} (at least {BucketFormat.Bytes(usage.Bytes)}); counting stopped there.";
    }
}
