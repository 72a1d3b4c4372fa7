using k8s.Autorest;

namespace HikubePortal.Kubernetes;

/// <summary>
/// Runs one library call and turns its failure into the project's typed errors (<see cref="KubernetesErrors"/>).
/// The library applies <see cref="KubernetesOptions.RequestTimeout"/> to every non-watch call.
/// </summary>
public static class ClusterCall
{
    /// <summary>The body of the answer; a typed <see cref="KubernetesException"/> on failure.</summary>
    public static async Task<T> RunAsync<T>(
        string operation, Func<CancellationToken, Task<HttpOperationResponse<T>>> call, CancellationToken cancellationToken, bool sensitive = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            using var response = await call(cancellationToken).ConfigureAwait(false);
            return response.Body;
        }
        catch (Exception ex) when (KubernetesErrors.Translate(ex, operation, sensitive, cancellationToken) is { } error && !ReferenceEquals(error, ex))
        {
            throw error;
        }
    }

    /// <summary>As <see cref="RunAsync{T}"/>, null when the object does not exist.</summary>
    public static async Task<T?> FindAsync<T>(
        string operation, Func<CancellationToken, Task<HttpOperationResponse<T>>> call, CancellationToken cancellationToken, bool sensitive = false)
        where T : class
    {
        try
        {
            return await RunAsync(operation, call, cancellationToken, sensitive).ConfigureAwait(false);
        }
        catch (KubernetesNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A call whose answer is not needed (deletes); false when the object was already gone.</summary>
    public static async Task<bool> DeleteAsync<T>(
        string operation, Func<CancellationToken, Task<HttpOperationResponse<T>>> call, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(operation, call, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesNotFoundException)
        {
            return false;
        }
    }
}
