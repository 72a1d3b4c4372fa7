using HikubePortal.Web.Components.Pages.Buckets;

namespace HikubePortal.Web.Components.Pages.Objects;

/// <summary>The URLs of the upload API and of the uploads page of a bucket.</summary>
public static class UploadLinks
{
    internal const string PutPath = "/put";
    internal const string StartPath = "/multipart";
    internal const string PartsPath = "/multipart/parts";
    internal const string CompletePath = "/multipart/complete";
    internal const string CancelPath = "/multipart/abort";
    internal const string ListPartsPath = "/multipart/list-parts";
    internal const string StreamPath = "/stream";
    internal const string PreparePath = "/prepare";
    internal const string PartPath = "/multipart/part";

    /// <summary>The uploads page (upload files, unfinished uploads), optionally under a folder prefix.</summary>
    public static string Page(string tenant, string bucket, string? prefix = null) =>
        BucketLinks.Uploads(tenant, bucket) + (string.IsNullOrEmpty(prefix) ? string.Empty : $"?prefix={Uri.EscapeDataString(prefix)}");

    /// <summary>One operation of the upload API (a path from this class).</summary>
    public static string Api(string tenant, string bucket, string path) => BucketLinks.Uploads(tenant, bucket) + path;
}
