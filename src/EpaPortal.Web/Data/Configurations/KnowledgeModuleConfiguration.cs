using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class KnowledgeModuleConfiguration : IEntityTypeConfiguration<KnowledgeModule>
{
    public void Configure(EntityTypeBuilder<KnowledgeModule> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(FieldLengths.Title).IsRequired();
        builder.HasIndex(m => new { m.StandardVersionId, m.Name }).IsUnique();
    }
}
