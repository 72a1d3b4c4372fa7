using HikubePortal.Application.Audit;
using HikubePortal.Application.Common;
using HikubePortal.Application.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Data.Audit;

/// <summary>Writes audit entries with a context of its own, so the caller's pending changes are not saved with them.</summary>
internal sealed partial class DbAuditLog(
    IDbContextFactory<PortalDbContext> contexts,
    ICurrentUser current,
    TimeProvider time,
    ILogger<DbAuditLog> logger) : IAuditLog
{
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entry = new AuditEntry
        {
            At = time.GetUtcNow(),
            Action = record.Action,
            Outcome = record.Outcome,
            UserId = record.UserId ?? current.Id,
            UserName = Truncate((record.UserName ?? current.Email)?.ToLowerInvariant(), 256),
            Tenant = record.Tenant,
            Target = Truncate(record.Target, 1024),
            Detail = Truncate(record.Detail, 1024),
            RemoteAddress = current.RemoteAddress,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        PortalMetrics.RecordAudit(entry.Action, entry.Outcome);
        LogWritten(logger, entry.Action, entry.Outcome, entry.Tenant, entry.UserName);
    }

    private static string? Truncate(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {Action} {Outcome} tenant {Tenant} by {User}")]
    private static partial void LogWritten(ILogger logger, string action, AuditOutcome outcome, string? tenant, string? user);
}
