namespace HikubePortal.Application.Audit;

/// <summary>
/// Writes to the audit log. The actor (user, address) is the current user unless the record names one.
/// Writes are independent of the caller's unit of work: an entry is kept even when the action fails after it.
/// </summary>
public interface IAuditLog
{
    Task WriteAsync(AuditRecord record, CancellationToken cancellationToken);
}

/// <summary>What to write to the audit log.</summary>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Tenant">The tenant name for tenant-scoped actions.</param>
/// <param name="Target">What was acted on (bucket, member email, object key); never a secret.</param>
/// <param name="Detail">Short words, e.g. "role use -> admin"; never a secret.</param>
public sealed record AuditRecord(
    string Action,
    AuditOutcome Outcome = AuditOutcome.Success,
    string? Tenant = null,
    string? Target = null,
    string? Detail = null)
{
    /// <summary>Overrides the actor, e.g. the email tried in a failed sign-in.</summary>
    public string? UserName { get; init; }

    /// <summary>Overrides the actor's id, e.g. at sign-in before the cookie exists.</summary>
    public Guid? UserId { get; init; }
}
