using HikubePortal.Data;
using HikubePortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace HikubePortal.IntegrationTests.Data;

/// <summary>The migrations and snapshot agree with the model, and apply to PostgreSQL.</summary>
public sealed class MigrationsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_migration_is_applied_to_a_fresh_database()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var applied = await db.Database.GetAppliedMigrationsAsync();
        var known = db.Database.GetMigrations();

        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task The_snapshot_matches_the_model()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: add a migration and update the snapshot.");
    }

    [Fact]
    public async Task The_migrations_create_the_tables_and_indexes_of_the_model()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var model = db.GetService<IDesignTimeModel>().Model;
        var expected = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel());
        var actual = db.GetService<IMigrationsAssembly>().Migrations.Values
            .Select(type => (Migration)Activator.CreateInstance(type)!)
            .SelectMany(m => { m.ActiveProvider = db.Database.ProviderName!; return m.UpOperations; })
            .ToList();

        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Fact]
    public async Task Migrating_again_changes_nothing()
    {
        await using var scope = portal.Services.CreateAsyncScope();

        var applied = await scope.ServiceProvider.GetRequiredService<PortalDatabase>().MigrateAsync(CancellationToken.None);

        Assert.Equal(0, applied);
    }

    [Fact]
    public async Task Memberships_made_before_single_sign_on_read_as_portal_memberships()
    {
        await using var database = await TestDatabase.CreateAsync("premigrated");
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(database.ConnectionString).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261121170000_BucketJobPrefixes");
        var (user, tenant) = (Guid.NewGuid(), Guid.NewGuid());
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "CreatedAt")
            VALUES ({user}, 'old@example.com', 'OLD@EXAMPLE.COM', 'old@example.com', 'OLD@EXAMPLE.COM', true, false, false, true, 0, now());
            INSERT INTO "Tenants" ("Id", "Name", "CreatedAt") VALUES ({tenant}, 'old', now());
            INSERT INTO "Memberships" ("TenantId", "UserId", "Role", "CreatedAt") VALUES ({tenant}, {user}, 'Use', now());
            """);

        await migrator.MigrateAsync();

        var membership = await db.Memberships.AsNoTracking().SingleAsync();
        Assert.Equal((Application.Tenants.TenantRole.Use, Application.Tenants.MembershipSource.Portal), (membership.Role, membership.Source));
    }

    private static List<string> Describe(IEnumerable<MigrationOperation> operations) =>
    [
        .. operations.SelectMany(op => op switch
        {
            CreateTableOperation table =>
                new[] { $"table {table.Name} pk {string.Join(",", table.PrimaryKey!.Columns)}" }
                    .Concat(table.Columns.Select(c => $"column {table.Name}.{c.Name} {c.ColumnType} null={c.IsNullable} identity={c["Npgsql:ValueGenerationStrategy"]}"))
                    .Concat(table.ForeignKeys.Select(f => $"fk {f.Name} {f.Table}({string.Join(",", f.Columns)}) -> {f.PrincipalTable}({string.Join(",", f.PrincipalColumns!)}) {f.OnDelete}")),
            // A column added by a later migration reads like one created with its table.
            AddColumnOperation column => [$"column {column.Table}.{column.Name} {column.ColumnType} null={column.IsNullable} identity={column["Npgsql:ValueGenerationStrategy"]}"],
            CreateIndexOperation index => [$"index {index.Name} {index.Table}({string.Join(",", index.Columns)}) unique={index.IsUnique}"],
            _ => [op.GetType().Name],
        }).Order(StringComparer.Ordinal),
    ];
}
