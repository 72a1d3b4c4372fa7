using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace HikubePortal.Data.Migrations;

/// <summary>The portal's own tables of the first schema.</summary>
public sealed partial class Initial
{
    private static void CreatePortalTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Tenants",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Tenants", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Memberships",
            columns: table => new
            {
                TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                UserId = table.Column<Guid>(type: "uuid", nullable: false),
                Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Memberships", x => new { x.TenantId, x.UserId });
                table.ForeignKey("FK_Memberships_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Memberships_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Invitations",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                AcceptedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Invitations", x => x.Id);
                table.ForeignKey("FK_Invitations_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                UserId = table.Column<Guid>(type: "uuid", nullable: true),
                UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                Tenant = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                Target = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                Detail = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                RemoteAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateIndex(name: "IX_Tenants_Name", table: "Tenants", column: "Name", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Memberships_UserId", table: "Memberships", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_Invitations_TenantId", table: "Invitations", column: "TenantId");
        migrationBuilder.CreateIndex(name: "IX_Invitations_TokenHash", table: "Invitations", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_At", table: "AuditEntries", column: "At");
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_Tenant_Id", table: "AuditEntries", columns: ["Tenant", "Id"]);
    }
}
