using Amazon.S3;
using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;
using HikubePortal.Application.Versions;

namespace HikubePortal.Storage.Versions;

/// <summary>A bucket's versioning state: read, turned on, suspended (S3 has no way back to never-on).</summary>
internal sealed class VersioningSettings(S3Executor executor)
{
    public async Task<VersioningState> GetAsync(BucketAccess access, CancellationToken cancellationToken)
    {
        var response = await executor.RunAsync(access, "GetBucketVersioning", (client, deadline) => client.GetBucketVersioningAsync(
            new GetBucketVersioningRequest { BucketName = access.BucketName }, deadline), cancellationToken);
        var status = response.VersioningConfig?.Status;
        return status == VersionStatus.Enabled ? VersioningState.Enabled
            : status == VersionStatus.Suspended ? VersioningState.Suspended
            : VersioningState.Off; // no status at all: never turned on
    }

    public Task SetAsync(BucketAccess access, VersioningState state, CancellationToken cancellationToken)
    {
        S3Executor.EnsureWritable(access);
        var status = state switch
        {
            VersioningState.Enabled => VersionStatus.Enabled,
            VersioningState.Suspended => VersionStatus.Suspended,
            _ => throw InvalidException.For("state", "Versioning cannot be turned off once it was on: suspend it instead (versions already kept stay)."),
        };
        return executor.RunAsync(access, "PutBucketVersioning", (client, deadline) => client.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = access.BucketName,
            VersioningConfig = new S3BucketVersioningConfig { Status = status },
        }, deadline), cancellationToken);
    }
}
