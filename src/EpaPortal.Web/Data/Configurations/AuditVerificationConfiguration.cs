using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class AuditVerificationConfiguration : IEntityTypeConfiguration<AuditVerification>
{
    public void Configure(EntityTypeBuilder<AuditVerification> builder)
    {
        builder.ToTable("AuditVerifications");
        builder.Property(v => v.RequestedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(v => v.RequestedByName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(v => v.Anchor).HasMaxLength(100);
        builder.Property(v => v.HeadHash).HasMaxLength(FieldLengths.Sha256Hex).IsFixedLength();
        builder.Property(v => v.FirstBreak).HasMaxLength(AuditVerification.TextMaxLength);
        builder.Property(v => v.Breaks).HasMaxLength(AuditVerification.TextMaxLength);
        builder.HasIndex(v => new { v.Status, v.RequestedAt });
    }
}
