using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class SubjectAccessExportConfiguration : IEntityTypeConfiguration<SubjectAccessExport>
{
    public void Configure(EntityTypeBuilder<SubjectAccessExport> builder)
    {
        builder.ToTable("SubjectAccessExports");
        builder.Property(e => e.SubjectUserId).HasMaxLength(FieldLengths.UserId);
        builder.Property(e => e.SubjectName).HasMaxLength(SubjectAccessExport.NameMaxLength).IsRequired();
        builder.Property(e => e.RequestedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(e => e.RequestedByName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(e => e.StorageKey).HasMaxLength(FieldLengths.StorageKey);
        builder.Property(e => e.Sha256).HasMaxLength(FieldLengths.Sha256Hex).IsFixedLength();
        builder.Property(e => e.Summary).HasMaxLength(FieldLengths.Description);
        builder.Property(e => e.DownloadedByName).HasMaxLength(FieldLengths.Name);
        builder.Property(e => e.Problem).HasMaxLength(SubjectAccessExport.ReasonMaxLength);
        builder.HasIndex(e => new { e.Status, e.RequestedAt });
        builder.HasIndex(e => e.StorageKey);
        builder.HasIndex(e => e.SubjectUserId);
    }
}
