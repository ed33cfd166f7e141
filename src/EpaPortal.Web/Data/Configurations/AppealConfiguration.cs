using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        builder.Property(a => a.LodgedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(a => a.Grounds).HasMaxLength(FieldLengths.Narrative).IsRequired();
        builder.Property(a => a.ReviewerId).HasMaxLength(FieldLengths.UserId);
        builder.Property(a => a.DecisionReason).HasMaxLength(FieldLengths.Reason);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(a => a.CaseId);
        builder.HasIndex(a => new { a.CaseId, a.LodgedAt });
        builder.HasIndex(a => new { a.ReviewerId, a.Outcome });

        // The reports' period (issue 21): the appeals lodged between two days.
        builder.HasIndex(a => a.LodgedAt);
    }
}
