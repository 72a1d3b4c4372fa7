using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace HikubePortal.Data.Migrations;

/// <summary>The portal's own entities in the snapshot.</summary>
internal sealed partial class PortalDbContextModelSnapshot
{
    private static void BuildPortal(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity("HikubePortal.Application.Tenants.Tenant", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone");
            b.Property<string>("Name").IsRequired().HasMaxLength(40).HasColumnType("character varying(40)");
            b.HasKey("Id");
            b.HasIndex("Name").IsUnique();
            b.ToTable("Tenants", (string?)null);
        });

        modelBuilder.Entity("HikubePortal.Application.Tenants.Membership", b =>
        {
            b.Property<Guid>("TenantId").HasColumnType("uuid");
            b.Property<Guid>("UserId").HasColumnType("uuid");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone");
            b.Property<string>("Role").IsRequired().HasMaxLength(16).HasColumnType("character varying(16)");
            b.HasKey("TenantId", "UserId");
            b.HasIndex("UserId");
            b.ToTable("Memberships", (string?)null);
        });

        modelBuilder.Entity("HikubePortal.Application.Tenants.Invitation", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid");
            b.Property<DateTimeOffset?>("AcceptedAt").HasColumnType("timestamp with time zone");
            b.Property<Guid?>("AcceptedByUserId").HasColumnType("uuid");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone");
            b.Property<Guid?>("CreatedByUserId").HasColumnType("uuid");
            b.Property<string>("Email").IsRequired().HasMaxLength(256).HasColumnType("character varying(256)");
            b.Property<DateTimeOffset>("ExpiresAt").HasColumnType("timestamp with time zone");
            b.Property<string>("NormalizedEmail").IsRequired().HasMaxLength(256).HasColumnType("character varying(256)");
            b.Property<string>("Role").IsRequired().HasMaxLength(16).HasColumnType("character varying(16)");
            b.Property<Guid>("TenantId").HasColumnType("uuid");
            b.Property<string>("TokenHash").IsRequired().HasMaxLength(64).HasColumnType("character varying(64)");
            b.HasKey("Id");
            b.HasIndex("TenantId");
            b.HasIndex("TokenHash").IsUnique();
            b.ToTable("Invitations", (string?)null);
        });

        modelBuilder.Entity("HikubePortal.Application.Audit.AuditEntry", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint");
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<string>("Action").IsRequired().HasMaxLength(64).HasColumnType("character varying(64)");
            b.Property<DateTimeOffset>("At").HasColumnType("timestamp with time zone");
            b.Property<string>("Detail").HasMaxLength(1024).HasColumnType("character varying(1024)");
            b.Property<string>("Outcome").IsRequired().HasMaxLength(16).HasColumnType("character varying(16)");
            b.Property<string>("RemoteAddress").HasMaxLength(64).HasColumnType("character varying(64)");
            b.Property<string>("Target").HasMaxLength(1024).HasColumnType("character varying(1024)");
            b.Property<string>("Tenant").HasMaxLength(64).HasColumnType("character varying(64)");
            b.Property<Guid?>("UserId").HasColumnType("uuid");
            b.Property<string>("UserName").HasMaxLength(256).HasColumnType("character varying(256)");
            b.HasKey("Id");
            b.HasIndex("At");
            b.HasIndex("Tenant", "Id");
            b.ToTable("AuditEntries", (string?)null);
        });

        modelBuilder.Entity("HikubePortal.Data.DataProtection.DataProtectionKey", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("integer");
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<int>("Id"));
            b.Property<string>("FriendlyName").HasMaxLength(256).HasColumnType("character varying(256)");
            b.Property<string>("Xml").IsRequired().HasColumnType("text");
            b.HasKey("Id");
            b.ToTable("DataProtectionKeys", (string?)null);
        });

        modelBuilder.Entity("HikubePortal.Application.Tenants.Membership", b =>
        {
            b.HasOne("HikubePortal.Application.Tenants.Tenant", "Tenant")
                .WithMany("Memberships").HasForeignKey("TenantId").OnDelete(DeleteBehavior.Cascade).IsRequired();
            b.HasOne("HikubePortal.Application.Identity.PortalUser", "User")
                .WithMany().HasForeignKey("UserId").OnDelete(DeleteBehavior.Cascade).IsRequired();
            b.Navigation("Tenant");
            b.Navigation("User");
        });

        modelBuilder.Entity("HikubePortal.Application.Tenants.Invitation", b =>
        {
            b.HasOne("HikubePortal.Application.Tenants.Tenant", "Tenant")
                .WithMany().HasForeignKey("TenantId").OnDelete(DeleteBehavior.Cascade).IsRequired();
            b.Navigation("Tenant");
        });

        modelBuilder.Entity("HikubePortal.Application.Tenants.Tenant", b => b.Navigation("Memberships"));
    }
}
