using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace HikubePortal.Kubernetes;

/// <summary>
/// The one place where the library's failures become the project's typed errors: <see cref="HttpOperationException"/>
/// (its message and <c>Response.Content</c> carry the whole response body, so neither is ever copied), the
/// <see cref="V1Status"/> of a watch ERROR event, transport failures and timeouts.
/// </summary>
public static class KubernetesErrors
{
    /// <summary>
    /// The typed error for <paramref name="exception"/>, or null when it is not a cluster failure (a bug, or a
    /// cancellation the caller asked for through <paramref name="callerToken"/>).
    /// </summary>
    /// <param name="exception">What the library threw.</param>
    /// <param name="operation">What was asked, for the message: e.g. <c>get buckets.apps.cozystack.io tenant-a/b</c>.</param>
    /// <param name="sensitive">Secrets: the server's message may echo a value, so it is dropped unless it cannot.</param>
    /// <param name="callerToken">The caller's token: a cancellation that is not the caller's is a timeout.</param>
    public static KubernetesException? Translate(Exception exception, string operation, bool sensitive, CancellationToken callerToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            KubernetesException typed => typed,
            HttpOperationException http => FromResponse(http.Response?.StatusCode ?? 0, http.Response?.Content, operation, sensitive, http),
            k8s.KubernetesException { Status: { } status } watch => FromStatus(status, operation, sensitive, watch),
            OperationCanceledException when !callerToken.IsCancellationRequested =>
                new KubernetesUnavailableException($"{operation}: the API server did not answer in time", exception) { NotAnswering = true },
            HttpRequestException request => new KubernetesUnavailableException(
                $"{operation}: cannot reach the API server ({request.HttpRequestError})", exception),
            IOException => new KubernetesUnavailableException($"{operation}: the connection to the API server failed ({exception.GetType().Name})", exception),
            JsonException => new KubernetesException($"{operation}: the API server's answer is not the expected JSON", exception),
            k8s.Exceptions.KubeConfigException => new KubernetesUnauthorizedException(
                $"{operation}: the portal's own credentials cannot be obtained (kubeconfig credential plugin or token)", exception),
            _ => null,
        };
    }

    /// <summary>The error of a failed answer. <paramref name="body"/> is parsed as a Status and never copied into the message.</summary>
    public static KubernetesException FromResponse(HttpStatusCode code, string? body, string operation, bool sensitive, Exception? inner = null)
    {
        V1Status? status = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                status = KubernetesJson.Deserialize<V1Status>(body);
                if (status is not null && !string.Equals(status.Kind, "Status", StringComparison.Ordinal))
                {
                    status = null;
                }
            }
            catch (JsonException)
            {
                status = null;
            }
        }
        status ??= new V1Status { Code = (int)code, Reason = code.ToString(), Status = "Failure" };
        if (status.Code is null or 0)
        {
            status.Code = (int)code;
        }
        return FromStatus(status, operation, sensitive, inner);
    }

    /// <summary>The error of a Status (failed answers, watch ERROR events).</summary>
    public static KubernetesException FromStatus(V1Status status, string operation, bool sensitive, Exception? inner = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        var code = status.Code ?? 0;
        var reason = status.Reason ?? string.Empty;
        if (sensitive && !IsValueFree(code, reason))
        {
            status = Redacted(status);
        }
        var message = Describe(operation, status);
        return (code, reason) switch
        {
            (404, _) => new KubernetesNotFoundException(message, status, inner),
            (409, "AlreadyExists") => new KubernetesAlreadyExistsException(message, status, inner),
            (409, _) => new KubernetesConflictException(message, status, inner),
            (403, _) => new KubernetesForbiddenException(message, status, inner),
            (401, _) => new KubernetesUnauthorizedException(message, status, inner),
            (422, _) or (400, _) => new KubernetesInvalidException(message, status, inner),
            (410, _) or (_, "Expired") or (_, "Gone") => new KubernetesGoneException(message, status, inner),
            (429, _) or (>= 500, _) or (_, "ServiceUnavailable") or (_, "Timeout") or (_, "ServerTimeout") or (_, "TooManyRequests")
                => new KubernetesUnavailableException(message, status, inner),
            _ => new KubernetesException(message, status, inner),
        };
    }

    private static bool IsValueFree(int code, string reason) =>
        code is 404 or 403 or 401 or 410 || reason is "AlreadyExists" or "NotFound" or "Forbidden" or "Unauthorized";

    private static V1Status Redacted(V1Status status) => new()
    {
        ApiVersion = status.ApiVersion,
        Kind = status.Kind,
        Code = status.Code,
        Reason = status.Reason,
        Status = status.Status,
        Details = status.Details is null ? null : new V1StatusDetails
        {
            Name = status.Details.Name,
            Group = status.Details.Group,
            Kind = status.Details.Kind,
            Causes = status.Details.Causes?.Select(c => new V1StatusCause { Field = c.Field, Reason = c.Reason }).ToList(),
        },
    };

    private static string Describe(string operation, V1Status status)
    {
        var text = $"{operation}: {status.Code} {status.Reason}".TrimEnd();
        if (!string.IsNullOrEmpty(status.Message))
        {
            text += $": {status.Message}";
        }
        else if (status.Details?.Causes is { Count: > 0 } causes)
        {
            text += ": " + string.Join("; ", causes.Select(c => $"{c.Field} {c.Reason}".Trim()));
        }
        return text;
    }
}
