using HikubePortal.Application.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HikubePortal.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityByDefaultColumn();
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Tenant).HasMaxLength(64);
        builder.Property(e => e.Target).HasMaxLength(1024);
        builder.Property(e => e.Detail).HasMaxLength(1024);
        builder.Property(e => e.RemoteAddress).HasMaxLength(64);
        builder.HasIndex(e => new { e.Tenant, e.Id });
        builder.HasIndex(e => e.At);
    }
}
