namespace HikubePortal.Application.Audit;

/// <summary>How an audited action ended.</summary>
public enum AuditOutcome
{
    Success = 0,
    Failure = 1,
    Denied = 2,
}

/// <summary>One line of the audit log: who did what, in which tenant, when, and how it ended.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A dotted action name from <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public AuditOutcome Outcome { get; set; }

    /// <summary>The acting user, when known.</summary>
    public Guid? UserId { get; set; }

    /// <summary>The acting user's email in lower case, or the email that was tried for a failed sign-in.</summary>
    public string? UserName { get; set; }

    /// <summary>The tenant name, for tenant-scoped actions.</summary>
    public string? Tenant { get; set; }

    /// <summary>What was acted on: a bucket, a member's email, an object key.</summary>
    public string? Target { get; set; }

    /// <summary>Short free text (never a secret).</summary>
    public string? Detail { get; set; }

    public string? RemoteAddress { get; set; }
}
