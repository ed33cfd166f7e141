using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class GradeLookupEntryConfiguration : IEntityTypeConfiguration<GradeLookupEntry>
{
    public void Configure(EntityTypeBuilder<GradeLookupEntry> builder)
    {
        builder.Property(g => g.Combination).HasMaxLength(FieldLengths.ShortText).IsRequired();
        builder.HasIndex(g => new { g.StandardVersionId, g.Combination }).IsUnique();
    }
}
