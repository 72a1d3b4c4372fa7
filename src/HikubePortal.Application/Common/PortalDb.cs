using HikubePortal.Application.Audit;
using HikubePortal.Application.Identity;
using HikubePortal.Application.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Application.Common;

/// <summary>The portal's database as the application services see it (implemented by the Data project).</summary>
public interface IPortalDb
{
    DbSet<PortalUser> Users { get; }

    DbSet<Tenant> Tenants { get; }

    DbSet<Membership> Memberships { get; }

    DbSet<Invitation> Invitations { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
