using Microsoft.EntityFrameworkCore;

namespace HikubePortal.Data.Migrations;

/// <summary>The bucket jobs in the snapshot (migration <see cref="BucketJobs"/>).</summary>
internal sealed partial class PortalDbContextModelSnapshot
{
    private static void BuildBuckets(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity("HikubePortal.Application.Buckets.BucketJob", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid");
            b.Property<int>("Attempts").HasColumnType("integer");
            b.Property<string>("Bucket").IsRequired().HasMaxLength(64).HasColumnType("character varying(64)");
            b.Property<string>("BucketUid").HasMaxLength(64).HasColumnType("character varying(64)");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone");
            b.Property<bool>("EstimateComplete").HasColumnType("boolean");
            b.Property<DateTimeOffset?>("FinishedAt").HasColumnType("timestamp with time zone");
            b.Property<string>("ImpersonateGroup").HasMaxLength(128).HasColumnType("character varying(128)");
            b.Property<string>("Kind").IsRequired().HasMaxLength(32).HasColumnType("character varying(32)");
            b.Property<string>("LeaseOwner").HasMaxLength(256).HasColumnType("character varying(256)");
            b.Property<DateTimeOffset?>("LeaseUntil").HasColumnType("timestamp with time zone");
            b.Property<string>("Message").HasMaxLength(1024).HasColumnType("character varying(1024)");
            b.Property<long>("ObjectsDeleted").HasColumnType("bigint");
            b.Property<long?>("ObjectsEstimated").HasColumnType("bigint");
            b.Property<long>("ObjectsFailed").HasColumnType("bigint");
            b.Property<string>("Prefixes").HasColumnType("text");
            b.Property<string>("RequestedBy").IsRequired().HasMaxLength(256).HasColumnType("character varying(256)");
            b.Property<Guid?>("RequestedById").HasColumnType("uuid");
            b.Property<string>("State").IsRequired().HasMaxLength(16).HasColumnType("character varying(16)");
            b.Property<string>("Tenant").IsRequired().HasMaxLength(64).HasColumnType("character varying(64)");
            b.Property<DateTimeOffset>("UpdatedAt").HasColumnType("timestamp with time zone");
            b.HasKey("Id");
            b.HasIndex("State");
            b.HasIndex("Tenant", "Bucket").IsUnique().HasDatabaseName("IX_BucketJobs_Active").HasFilter("\"State\" IN ('Queued', 'Running')");
            b.HasIndex("Tenant", "Bucket", "CreatedAt");
            b.ToTable("BucketJobs", (string?)null);
        });
    }
}
