using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class KnowledgeModuleResultConfiguration : IEntityTypeConfiguration<KnowledgeModuleResult>
{
    public void Configure(EntityTypeBuilder<KnowledgeModuleResult> builder)
    {
        builder.Property(m => m.Module).HasMaxLength(FieldLengths.Title).IsRequired();
        builder.Property(m => m.AwardingBody).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(m => m.CertificateFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.GatewaySubmissionId);
    }
}
