using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.OriginalFileName).HasMaxLength(FieldLengths.FileName).IsRequired();
        builder.Property(f => f.ContentType).HasMaxLength(FieldLengths.ContentType).IsRequired();
        builder.Property(f => f.Sha256).HasMaxLength(FieldLengths.Sha256Hex).IsFixedLength().IsRequired();
        builder.Property(f => f.StorageKey).HasMaxLength(FieldLengths.StorageKey).IsRequired();
        builder.Property(f => f.UploadedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(f => f.GatewaySlot).HasMaxLength(FieldLengths.VersionLabel);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(f => f.CaseId);
        builder.HasOne<ProjectSubmission>().WithMany().HasForeignKey(f => f.ProjectSubmissionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.StorageKey).IsUnique();
        builder.HasIndex(f => new { f.CaseId, f.Purpose });
        builder.HasIndex(f => f.ProjectSubmissionId);
    }
}
