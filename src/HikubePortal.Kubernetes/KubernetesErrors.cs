using System.Net;
using System.Text.Json;
using HikubePortal.Kubernetes.Models;

namespace HikubePortal.Kubernetes;

/// <summary>Maps an apiserver answer to the typed exceptions.</summary>
internal static class KubernetesErrors
{
    /// <summary>The exception for a failed answer. <paramref name="body"/> is parsed as a Status and never copied into the message.</summary>
    public static KubernetesException FromResponse(HttpStatusCode code, string? body, string operation, bool sensitive)
    {
        Status? status = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                status = JsonSerializer.Deserialize<Status>(body, KubernetesJson.Options);
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
        status ??= new Status { Code = (int)code, Reason = code.ToString(), StatusValue = "Failure" };
        status = status with { Code = status.Code is null or 0 ? (int)code : status.Code };
        return FromStatus(status, operation, sensitive);
    }

    /// <summary>The exception for a Status (also used for watch ERROR events).</summary>
    public static KubernetesException FromStatus(Status status, string operation, bool sensitive)
    {
        var code = status.Code ?? 0;
        var reason = status.Reason ?? string.Empty;
        if (sensitive && !IsValueFree(code, reason))
        {
            status = Redact(status);
        }
        var message = Describe(operation, status);
        return (code, reason) switch
        {
            (404, _) => new KubernetesNotFoundException(message, status),
            (409, "AlreadyExists") => new KubernetesAlreadyExistsException(message, status),
            (409, _) => new KubernetesConflictException(message, status),
            (403, _) => new KubernetesForbiddenException(message, status),
            (401, _) => new KubernetesUnauthorizedException(message, status),
            (422, _) or (400, _) => new KubernetesInvalidException(message, status),
            (410, _) or (_, "Expired") or (_, "Gone") => new KubernetesGoneException(message, status),
            (429, _) or (>= 500, _) or (_, "ServiceUnavailable") or (_, "Timeout") or (_, "ServerTimeout") or (_, "TooManyRequests")
                => new KubernetesUnavailableException(message, status),
            _ => new KubernetesException(message, status),
        };
    }

    private static bool IsValueFree(int code, string reason) =>
        code is 404 or 403 or 401 or 410 || reason is "AlreadyExists" or "NotFound" or "Forbidden" or "Unauthorized";

    private static Status Redact(Status status) => status with
    {
        Message = null,
        Details = status.Details is null ? null : status.Details with
        {
            Causes = status.Details.Causes?.Select(c => c with { Message = null }).ToList(),
        },
    };

    private static string Describe(string operation, Status status)
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
