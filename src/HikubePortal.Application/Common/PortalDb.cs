using HikubePortal.Application.Audit;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HikubePortal.Application.Common;

/// <summary>The portal's database as the application services see it (implemented by the Data project).</summary>
public interface IPortalDb : IAsyncDisposable
{
    DbSet<PortalUser> Users { get; }

    DbSet<Tenant> Tenants { get; }

    DbSet<Membership> Memberships { get; }

    DbSet<Invitation> Invitations { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>A transaction over this context (and Identity's stores, which share it within a scope).</summary>
    Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Opens a database session for one operation. Interactive pages live in a circuit for hours and may handle two events
/// at once: a service used there opens a session per call (a DbContext is neither thread-safe nor meant to live long).
/// </summary>
public interface IPortalDbFactory
{
    /// <summary>A new session; dispose it when the operation is done.</summary>
    Task<IPortalDb> OpenAsync(CancellationToken cancellationToken);
}
