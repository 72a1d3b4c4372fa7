using System.Net.Sockets;
using HikubePortal.Kubernetes;
using Npgsql;
using static HikubePortal.Web.Hosting.ExceptionChain;

namespace HikubePortal.Web.Health;

/// <summary>
/// Why a backend check failed, in plain words an operator can act on. Built only from error codes and from messages
/// known to carry no secret (never a connection string, a URL with credentials or a token).
/// </summary>
internal static class HealthFailures
{
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => $"PostgreSQL refused: {postgres.SqlState} {postgres.MessageText}",
        KubernetesUnauthorizedException => "the API server does not accept the portal's credentials (401)",
        KubeconfigException kubeconfig => $"the Kubernetes configuration cannot be used: {kubeconfig.Message}",
        KubernetesException { StatusCode: { } code } => $"the API server answered HTTP {code}",
        _ when Find<HttpRequestException>(exception) is { HttpRequestError: HttpRequestError.SecureConnectionError } => "the TLS handshake failed (certificate not trusted?)",
        TimeoutException or TaskCanceledException => "no answer in time",
        _ when Find<SocketException>(exception) is { } socket => Socket(socket.SocketErrorCode),
        KubernetesUnavailableException when Find<OperationCanceledException>(exception) is not null => "no answer in time",
        _ when Find<TimeoutException>(exception) is not null => "no answer in time",
        NpgsqlException => "cannot talk to PostgreSQL (" + exception.GetType().Name + ")",
        _ => exception.GetType().Name,
    };

    private static string Socket(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused (nothing listens at the configured address)",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found",
        SocketError.TimedOut => "connection timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
        SocketError.ConnectionReset => "connection reset by the server",
        _ => $"network error ({error})",
    };
}
