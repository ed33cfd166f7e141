using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class AreaJudgementConfiguration : IEntityTypeConfiguration<AreaJudgement>
{
    public void Configure(EntityTypeBuilder<AreaJudgement> builder)
    {
        builder.Property(a => a.AreaCode).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.Property(a => a.Rationale).HasMaxLength(FieldLengths.Narrative);
        builder.HasIndex(a => new { a.JudgementId, a.AreaCode }).IsUnique();
    }
}
