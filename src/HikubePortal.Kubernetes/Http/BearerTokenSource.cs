namespace HikubePortal.Kubernetes.Http;

/// <summary>
/// The bearer token: static, or read from a file and re-read once a minute (projected service account
/// tokens rotate) or at once after a 401.
/// </summary>
internal sealed class BearerTokenSource(string? token, string? tokenFile, TimeProvider time)
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private string? _fileToken;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public bool CanRefresh => tokenFile is not null;

    public async ValueTask<string?> GetAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (tokenFile is null)
        {
            return token;
        }
        lock (_lock)
        {
            if (!forceRefresh && _fileToken is not null && time.GetUtcNow() - _readAt < RefreshInterval)
            {
                return _fileToken;
            }
        }
        string read;
        try
        {
            read = (await File.ReadAllTextAsync(tokenFile, cancellationToken)).Trim();
        }
        catch (IOException ex)
        {
            throw new KubernetesUnauthorizedException($"cannot read the token file {tokenFile}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new KubernetesUnauthorizedException($"cannot read the token file {tokenFile}", ex);
        }
        lock (_lock)
        {
            _fileToken = read;
            _readAt = time.GetUtcNow();
        }
        return read;
    }
}
