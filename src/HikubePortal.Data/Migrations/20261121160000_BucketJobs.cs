using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HikubePortal.Data.Migrations;

/// <summary>
/// Background jobs on buckets ("empty and delete"), so their progress survives page reloads and portal
/// restarts. Written by hand like <see cref="Initial"/>; the snapshot describes the same table.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121160000_BucketJobs")]
public sealed class BucketJobs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "BucketJobs",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                Tenant = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Bucket = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                BucketUid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                RequestedById = table.Column<Guid>(type: "uuid", nullable: true),
                RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                ImpersonateGroup = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                ObjectsEstimated = table.Column<long>(type: "bigint", nullable: true),
                EstimateComplete = table.Column<bool>(type: "boolean", nullable: false),
                ObjectsDeleted = table.Column<long>(type: "bigint", nullable: false),
                ObjectsFailed = table.Column<long>(type: "bigint", nullable: false),
                Message = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                Attempts = table.Column<int>(type: "integer", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                LeaseOwner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_BucketJobs", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_BucketJobs_Tenant_Bucket_CreatedAt", table: "BucketJobs", columns: ["Tenant", "Bucket", "CreatedAt"]);
        migrationBuilder.CreateIndex(name: "IX_BucketJobs_Active", table: "BucketJobs", columns: ["Tenant", "Bucket"], unique: true,
            filter: "\"State\" IN ('Queued', 'Running')");
        migrationBuilder.CreateIndex(name: "IX_BucketJobs_State", table: "BucketJobs", column: "State");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "BucketJobs");
    }
}
