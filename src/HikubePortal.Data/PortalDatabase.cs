using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace HikubePortal.Data;

/// <summary>Schema operations: apply the hand-written migrations.</summary>
public sealed partial class PortalDatabase(PortalDbContext db, ILogger<PortalDatabase> logger)
{
    /// <summary>How long one migration command may run (an index built over a large table takes its time).</summary>
    public static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Applies pending migrations; returns how many ran.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        // Migrations must finish: not the few seconds a page's command gets (PortalConnectionString).
        db.Database.SetCommandTimeout(MigrationTimeout);
        // Creating the history table first spares a logged "relation does not exist" error on a fresh database.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        var names = string.Join(", ", pending);
        LogMigrated(logger, pending.Count, names);
        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated: {Count} migration(s) applied {Migrations}")]
    private static partial void LogMigrated(ILogger logger, int count, string migrations);
}
