using HikubePortal.Application.Buckets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HikubePortal.Data.Configurations;

internal sealed class BucketJobConfiguration : IEntityTypeConfiguration<BucketJob>
{
    /// <summary>At most one queued or running job per bucket (a double submit is a conflict, not a second job).</summary>
    public const string ActiveFilter = "\"State\" IN ('Queued', 'Running')";

    public void Configure(EntityTypeBuilder<BucketJob> builder)
    {
        builder.ToTable("BucketJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.Tenant).HasMaxLength(64);
        builder.Property(j => j.Bucket).HasMaxLength(64);
        builder.Property(j => j.BucketUid).HasMaxLength(64);
        builder.Property(j => j.RequestedBy).HasMaxLength(256);
        builder.Property(j => j.ImpersonateGroup).HasMaxLength(128);
        builder.Property(j => j.Message).HasMaxLength(1024);
        builder.Property(j => j.Prefixes).HasColumnType("text");
        builder.Property(j => j.LeaseOwner).HasMaxLength(256);
        builder.HasIndex(j => new { j.Tenant, j.Bucket, j.CreatedAt });
        builder.HasIndex(j => new { j.Tenant, j.Bucket }).IsUnique().HasFilter(ActiveFilter).HasDatabaseName("IX_BucketJobs_Active");
        builder.HasIndex(j => j.State);
    }
}
