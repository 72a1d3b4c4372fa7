using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HikubePortal.Data;

/// <summary>
/// The context as <c>dotnet ef</c> builds it (<c>dotnet ef migrations add Name --project src/HikubePortal.Data</c>):
/// Npgsql with a placeholder connection string, never opened, so adding a migration needs no database and no portal
/// settings. Commands that do touch a database take <c>--connection</c>.
/// </summary>
internal sealed class PortalDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=localhost;Database=hikube_portal").Options);
}
