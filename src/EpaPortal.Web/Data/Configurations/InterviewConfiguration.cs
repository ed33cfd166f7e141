using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class InterviewConfiguration : IEntityTypeConfiguration<Interview>
{
    public void Configure(EntityTypeBuilder<Interview> builder)
    {
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Property(i => i.Location).HasMaxLength(FieldLengths.ShortText).IsRequired();
        builder.Property(i => i.LastRescheduleReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(i => i.ScheduleOverrideReason).HasMaxLength(FieldLengths.Reason + 200);
        builder.Property(i => i.ScheduleOverriddenById).HasMaxLength(FieldLengths.UserId);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(i => i.CaseId);
        builder.HasIndex(i => new { i.CaseId, i.Attempt }).IsUnique();
        builder.HasIndex(i => i.StartsAt);
    }
}
