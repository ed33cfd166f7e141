using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class CompetencyConfiguration : IEntityTypeConfiguration<Competency>
{
    public void Configure(EntityTypeBuilder<Competency> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.Property(c => c.Label).HasMaxLength(FieldLengths.Title).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(FieldLengths.Description);
        builder.Property(c => c.AreaCode).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.HasIndex(c => new { c.StandardVersionId, c.Code }).IsUnique();
        builder.HasIndex(c => new { c.StandardVersionId, c.Order });
    }
}
