using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Standards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class StandardisationActivityConfiguration : IEntityTypeConfiguration<StandardisationActivity>
{
    public void Configure(EntityTypeBuilder<StandardisationActivity> builder)
    {
        builder.ToTable("StandardisationActivities");
        builder.Property(a => a.Outcome).HasMaxLength(FieldLengths.Description).IsRequired();
        builder.Property(a => a.RecordedById).HasMaxLength(FieldLengths.UserId).IsRequired();

        // A primitive collection: stored as a JSON array in one column on both providers.
        builder.PrimitiveCollection(a => a.AttendeeIds).IsRequired();
        builder.HasOne<StandardVersion>().WithMany().HasForeignKey(a => a.StandardVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.HeldOn, a.Id });
    }
}
