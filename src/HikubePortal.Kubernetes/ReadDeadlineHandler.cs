namespace HikubePortal.Kubernetes;

/// <summary>
/// Gives every read of the cluster (a GET that is not a watch) the deadline <see cref="KubernetesOptions.ReadTimeout"/>,
/// so a paused API server is said in words within seconds. Writes keep the client's
/// <see cref="KubernetesOptions.RequestTimeout"/>: a bucket created or a key rotated must be allowed to finish. Watches
/// stay open as long as the server keeps them (their list has the read deadline).
/// </summary>
internal sealed class ReadDeadlineHandler(TimeSpan readTimeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get || IsWatch(request.RequestUri))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        // Its expiry is not the caller's cancellation: KubernetesErrors makes it "the API server did not answer in time".
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(readTimeout);
        return await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
    }

    private static bool IsWatch(Uri? uri) =>
        uri?.Query.Split('?', '&').Contains("watch=true", StringComparer.OrdinalIgnoreCase) == true;
}
