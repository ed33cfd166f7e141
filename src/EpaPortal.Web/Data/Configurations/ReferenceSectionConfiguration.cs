using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class ReferenceSectionConfiguration : IEntityTypeConfiguration<ReferenceSection>
{
    public void Configure(EntityTypeBuilder<ReferenceSection> builder)
    {
        builder.Property(s => s.AreaCode).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.Property(s => s.Narrative).HasMaxLength(FieldLengths.Narrative);
        builder.HasIndex(s => new { s.EmployerReferenceId, s.AreaCode }).IsUnique();
    }
}
