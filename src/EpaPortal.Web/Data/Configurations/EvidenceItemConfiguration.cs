using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> builder)
    {
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.Title).HasMaxLength(FieldLengths.Title).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(FieldLengths.Description).IsRequired();
        builder.Property(e => e.ProjectName).HasMaxLength(FieldLengths.Title).IsRequired();
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(e => e.CaseId);
        builder.HasOne(e => e.CurrentFile).WithMany().HasForeignKey(e => e.CurrentFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Versions).WithOne().HasForeignKey(v => v.EvidenceItemId);
        builder.HasMany(e => e.Mappings).WithOne().HasForeignKey(m => m.EvidenceItemId);
        builder.Navigation(e => e.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(e => e.Mappings).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(e => new { e.CaseId, e.RemovedAt });
    }
}
