using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class InitialConclusionConfiguration : IEntityTypeConfiguration<InitialConclusion>
{
    public void Configure(EntityTypeBuilder<InitialConclusion> builder)
    {
        builder.Property(c => c.AreaCode).HasMaxLength(FieldLengths.Code);
        builder.Property(c => c.Comment).HasMaxLength(FieldLengths.Description);
        builder.PrimitiveCollection(c => c.EvidenceRefs).HasMaxLength(FieldLengths.EvidenceRefs);
        builder.HasIndex(c => c.AssessorNoteId);
    }
}
