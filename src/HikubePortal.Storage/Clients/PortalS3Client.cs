using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace HikubePortal.Storage.Clients;

/// <summary>
/// The SDK's S3 client with one fix: for a key that starts with <c>/</c> the SDK signs the path
/// <c>/bucket//key</c> but sends <c>/bucket/key</c> (it joins endpoint and key without the
/// separator), which radosgw rightly refuses. A handler after the signer restores the separator.
/// </summary>
internal sealed class PortalS3Client(AWSCredentials credentials, AmazonS3Config config) : AmazonS3Client(credentials, config)
{
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerAfter<Signer>(new LeadingSlashKeyHandler());
    }

    private sealed class LeadingSlashKeyHandler : PipelineHandler
    {
        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            Restore(executionContext.RequestContext.Request);
            return base.InvokeAsync<T>(executionContext);
        }

        public override void InvokeSync(IExecutionContext executionContext)
        {
            Restore(executionContext.RequestContext.Request);
            base.InvokeSync(executionContext);
        }

        private static void Restore(IRequest request)
        {
            if (request.PathResources.TryGetValue("{Key+}", out var key) && key.StartsWith('/')
                && request.Endpoint is { } endpoint && !endpoint.AbsoluteUri.EndsWith('/'))
            {
                request.Endpoint = new Uri(endpoint.AbsoluteUri + "/");
            }
        }
    }
}
