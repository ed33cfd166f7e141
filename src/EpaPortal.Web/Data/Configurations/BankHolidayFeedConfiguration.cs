using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class BankHolidayFeedConfiguration : IEntityTypeConfiguration<BankHolidayFeed>
{
    public void Configure(EntityTypeBuilder<BankHolidayFeed> builder)
    {
        builder.Property(f => f.Json).IsRequired();
        builder.Property(f => f.ImportedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(f => f.ImportedByName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(f => f.Summary).HasMaxLength(BankHolidayFeed.SummaryMaxLength).IsRequired();
    }
}
