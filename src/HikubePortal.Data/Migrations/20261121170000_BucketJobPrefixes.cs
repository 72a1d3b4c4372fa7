using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HikubePortal.Data.Migrations;

/// <summary>Folder-delete jobs of the object browser: the folders they delete (a JSON array of prefixes).</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121170000_BucketJobPrefixes")]
public sealed class BucketJobPrefixes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "Prefixes", table: "BucketJobs", type: "text", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn(name: "Prefixes", table: "BucketJobs");
    }
}
