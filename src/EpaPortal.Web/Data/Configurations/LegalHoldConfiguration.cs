using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> builder)
    {
        builder.HasKey(h => h.CaseId);
        builder.Property(h => h.CaseId).ValueGeneratedNever();
        builder.Property(h => h.Reason).HasMaxLength(FieldLengths.Reason).IsRequired();
        builder.Property(h => h.PlacedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(h => h.PlacedByName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.HasOne<EpaCase>().WithOne().HasForeignKey<LegalHold>(h => h.CaseId);
    }
}
