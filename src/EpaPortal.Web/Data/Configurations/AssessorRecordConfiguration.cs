using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class AssessorRecordConfiguration : IEntityTypeConfiguration<AssessorRecord>
{
    public void Configure(EntityTypeBuilder<AssessorRecord> builder)
    {
        builder.ToTable("AssessorRecords");
        builder.Property(r => r.AssessorId).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(r => r.RecordedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(r => r.Title).HasMaxLength(FieldLengths.Title).IsRequired();
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.AssessorId);
        builder.HasIndex(r => new { r.AssessorId, r.Kind, r.ExpiresOn });
    }
}
