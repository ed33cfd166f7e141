using EpaPortal.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class EvidenceItemVersionConfiguration : IEntityTypeConfiguration<EvidenceItemVersion>
{
    public void Configure(EntityTypeBuilder<EvidenceItemVersion> builder)
    {
        builder.HasOne(v => v.File).WithMany().HasForeignKey(v => v.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.EvidenceItemId, v.Number }).IsUnique();
        builder.HasIndex(v => v.FileId);
    }
}
