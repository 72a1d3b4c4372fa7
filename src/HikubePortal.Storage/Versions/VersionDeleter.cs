using Amazon.S3.Model;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Versions;

/// <summary>Deletes one version or delete marker for good (S3 writes no new delete marker for that).</summary>
internal sealed class VersionDeleter(S3Executor executor)
{
    public Task DeleteAsync(BucketAccess access, string key, string versionId, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        ObjectKey.EnsureValid(key);
        VersionIds.EnsureValid(versionId);
        return executor.RunAsync(access, "DeleteObjectVersion", (client, deadline) => client.DeleteObjectAsync(
            new DeleteObjectRequest { BucketName = access.BucketName, Key = key, VersionId = versionId }, deadline), cancellationToken);
    }
}
