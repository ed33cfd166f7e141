using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class GradingCriterionConfiguration : IEntityTypeConfiguration<GradingCriterion>
{
    public void Configure(EntityTypeBuilder<GradingCriterion> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.Property(c => c.Text).HasMaxLength(FieldLengths.Description).IsRequired();
        builder.HasIndex(c => new { c.StandardVersionId, c.Code }).IsUnique();
    }
}
