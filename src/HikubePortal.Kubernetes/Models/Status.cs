using System.Text.Json.Serialization;

namespace HikubePortal.Kubernetes.Models;

/// <summary>The apiserver's <c>Status</c> object: errors, and the result of some deletes.</summary>
public sealed record Status
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("status")]
    public string? StatusValue { get; init; }

    public string? Message { get; init; }

    /// <summary>Machine-readable reason: <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>, <c>Invalid</c>, <c>Forbidden</c>, <c>Expired</c>, ...</summary>
    public string? Reason { get; init; }

    public StatusDetails? Details { get; init; }
    public int? Code { get; init; }
}

public sealed record StatusDetails
{
    public string? Name { get; init; }
    public string? Group { get; init; }
    public string? Kind { get; init; }
    public string? Uid { get; init; }
    public IReadOnlyList<StatusCause>? Causes { get; init; }
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>One cause of an error, e.g. a field that failed validation.</summary>
public sealed record StatusCause
{
    /// <summary>E.g. <c>FieldValueInvalid</c>, <c>FieldValueRequired</c>.</summary>
    public string? Reason { get; init; }
    public string? Message { get; init; }

    /// <summary>JSON path of the field, e.g. <c>spec.users.x.readonly</c>.</summary>
    public string? Field { get; init; }
}
