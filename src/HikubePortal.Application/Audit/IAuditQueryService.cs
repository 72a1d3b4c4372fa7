namespace HikubePortal.Application.Audit;

/// <summary>Filters of the audit log pages; dates are UTC days, inclusive.</summary>
public sealed record AuditQuery(
    string? User = null,
    string? Action = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int Page = 1,
    int PageSize = 50);

/// <summary>One page of audit entries, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryView> Items, int Page, int PageSize, bool HasMore);

/// <summary>An audit entry as shown.</summary>
public sealed record AuditEntryView(
    long Id,
    DateTimeOffset At,
    string Action,
    AuditOutcome Outcome,
    string? UserName,
    string? Tenant,
    string? Target,
    string? Detail,
    string? RemoteAddress);

/// <summary>
/// Reads the audit log. Filters with control characters or longer than <see cref="Common.FilterText.MaxLength"/>, and
/// pages outside 1..<see cref="Common.FilterText.MaxPage"/>, are refused with <see cref="Common.InvalidException"/>.
/// </summary>
public interface IAuditQueryService
{
    /// <summary>A tenant's entries; the caller must be an admin of <paramref name="tenant"/>.</summary>
    Task<AuditPage> QueryTenantAsync(string tenant, AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every entry, optionally of one tenant (its name or its namespace); operators only.</summary>
    Task<AuditPage> QueryAllAsync(string? tenant, AuditQuery query, CancellationToken cancellationToken);
}
