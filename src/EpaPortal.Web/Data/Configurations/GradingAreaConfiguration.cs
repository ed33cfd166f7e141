using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class GradingAreaConfiguration : IEntityTypeConfiguration<GradingArea>
{
    public void Configure(EntityTypeBuilder<GradingArea> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.Property(a => a.Name).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(FieldLengths.Description);
        builder.HasIndex(a => new { a.StandardVersionId, a.Code }).IsUnique();
    }
}
