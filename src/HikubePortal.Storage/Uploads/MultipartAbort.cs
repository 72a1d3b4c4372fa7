using Amazon.S3.Model;
using HikubePortal.Application.Common;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Uploads;

/// <summary>Aborting an upload after another failure: never hides that failure, never waits on a cancelled token.</summary>
internal static class MultipartAbort
{
    public static async Task QuietlyAsync(S3Executor executor, BucketAccess access, string key, string uploadId)
    {
        try
        {
            await executor.RunAsync(access, "AbortMultipartUpload", (client, deadline) => client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = access.BucketName, Key = key, UploadId = uploadId },
                CancellationToken.None), CancellationToken.None);
        }
        catch (PortalException)
        {
            // Already logged by the executor; the parts expire with the bucket's lifecycle or a later clean-up.
        }
    }
}
