using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class EvidenceMappingConfiguration : IEntityTypeConfiguration<EvidenceMapping>
{
    public void Configure(EntityTypeBuilder<EvidenceMapping> builder)
    {
        builder.HasKey(m => new { m.EvidenceItemId, m.CompetencyId });
        builder.HasOne<Competency>().WithMany().HasForeignKey(m => m.CompetencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.CompetencyId);
    }
}
