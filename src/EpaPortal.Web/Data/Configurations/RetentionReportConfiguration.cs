using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class RetentionReportConfiguration : IEntityTypeConfiguration<RetentionReport>
{
    public void Configure(EntityTypeBuilder<RetentionReport> builder)
    {
        builder.ToTable("RetentionReports");
        builder.Property(r => r.RequestedByName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(r => r.Schedule).HasMaxLength(RetentionReport.TextMaxLength);
        builder.Property(r => r.Summary).HasMaxLength(RetentionReport.TextMaxLength);
        builder.Property(r => r.ApprovedByName).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.CarriedOutSummary).HasMaxLength(RetentionReport.TextMaxLength);
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.Status, r.RequestedAt });
    }
}
