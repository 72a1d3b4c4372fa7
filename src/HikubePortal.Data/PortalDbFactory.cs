using HikubePortal.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Data;

/// <summary>A <see cref="PortalDbContext"/> per operation, from the pooled factory.</summary>
internal sealed class PortalDbFactory(IDbContextFactory<PortalDbContext> contexts) : IPortalDbFactory
{
    public async Task<IPortalDb> OpenAsync(CancellationToken cancellationToken) => await contexts.CreateDbContextAsync(cancellationToken);
}
