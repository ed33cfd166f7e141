using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class StandardConfiguration : IEntityTypeConfiguration<Standard>
{
    public void Configure(EntityTypeBuilder<Standard> builder)
    {
        builder.Property(s => s.Reference).HasMaxLength(FieldLengths.StandardReference).IsRequired();
        builder.Property(s => s.Title).HasMaxLength(FieldLengths.Title).IsRequired();
        builder.HasIndex(s => s.Reference).IsUnique();
        builder.HasMany(s => s.Versions).WithOne(v => v.Standard).HasForeignKey(v => v.StandardId);
        builder.Navigation(s => s.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
