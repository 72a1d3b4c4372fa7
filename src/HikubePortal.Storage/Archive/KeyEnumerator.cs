using System.Runtime.CompilerServices;
using Amazon.S3.Model;
using HikubePortal.Application.Objects;

namespace HikubePortal.Storage.Archive;

/// <summary>The keys of a zip request: the keys given, then every key under each prefix, page by page, each once.</summary>
internal sealed class KeyEnumerator(S3Executor executor)
{
    public async IAsyncEnumerable<string> EnumerateAsync(
        BucketAccess access, ZipRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in request.Keys ?? [])
        {
            ObjectKey.EnsureValid(key, "keys");
            if (seen.Add(key))
            {
                yield return key;
            }
        }
        foreach (var prefix in request.Prefixes ?? [])
        {
            if (prefix.Length > 0)
            {
                ObjectKey.EnsureValid(prefix, "prefixes");
            }
            string? token = null;
            do
            {
                var listRequest = new ListObjectsV2Request
                {
                    BucketName = access.BucketName, Prefix = prefix, MaxKeys = 1000, ContinuationToken = token,
                };
                var page = await executor.RunAsync(
                    access, "ListObjectsV2", (client, deadline) => client.ListObjectsV2Async(listRequest, deadline), cancellationToken);
                foreach (var o in page.S3Objects ?? [])
                {
                    if (seen.Add(o.Key))
                    {
                        yield return o.Key;
                    }
                }
                token = page.IsTruncated == true ? page.NextContinuationToken : null;
            }
            while (!string.IsNullOrEmpty(token));
        }
    }
}
