using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Changes;

/// <summary>Creates a folder: a zero-byte object named <c>prefix/</c>, refused when the folder exists.</summary>
internal sealed class FolderCreator(S3Executor executor)
{
    public async Task<string> CreateAsync(BucketAccess access, string parentPrefix, string name, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            throw InvalidException.For("name", "A folder name is required and cannot contain '/' or be '.' or '..'.");
        }
        var prefix = ObjectKey.NormalizeFolder(parentPrefix) + name + "/";
        ObjectKey.EnsureCreatable(prefix, "name");

        var existing = await executor.RunAsync(access, "ListObjectsV2", (client, deadline) => client.ListObjectsV2Async(
            new ListObjectsV2Request { BucketName = access.BucketName, Prefix = prefix, MaxKeys = 1 }, deadline), cancellationToken);
        if (existing.S3Objects is { Count: > 0 })
        {
            throw new ConflictException("A folder with this name exists already here.");
        }
        await executor.RunAsync(access, "PutObject", (client, deadline) => client.PutObjectAsync(
            new PutObjectRequest { BucketName = access.BucketName, Key = prefix, ContentBody = string.Empty }, deadline),
            cancellationToken);
        return prefix;
    }
}
