using EpaPortal.Web.Features.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class RetentionReportItemConfiguration : IEntityTypeConfiguration<RetentionReportItem>
{
    public void Configure(EntityTypeBuilder<RetentionReportItem> builder)
    {
        builder.ToTable("RetentionReportItems");
        builder.Property(i => i.SubjectKey).HasMaxLength(RetentionReportItem.KeyMaxLength).IsRequired();
        builder.Property(i => i.Description).HasMaxLength(RetentionReportItem.NoteMaxLength).IsRequired();
        builder.Property(i => i.Note).HasMaxLength(RetentionReportItem.NoteMaxLength);
        builder.HasIndex(i => new { i.ReportId, i.DataClass, i.Id });
    }
}
