using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class CompetencyEvidenceConfiguration : IEntityTypeConfiguration<CompetencyEvidence>
{
    public void Configure(EntityTypeBuilder<CompetencyEvidence> builder)
    {
        builder.PrimitiveCollection(c => c.EvidenceRefs).HasMaxLength(FieldLengths.EvidenceRefs);
        builder.HasIndex(c => new { c.JudgementId, c.CompetencyId }).IsUnique();
    }
}
