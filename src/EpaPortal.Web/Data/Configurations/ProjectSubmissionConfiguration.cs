using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class ProjectSubmissionConfiguration : IEntityTypeConfiguration<ProjectSubmission>
{
    public void Configure(EntityTypeBuilder<ProjectSubmission> builder)
    {
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.BriefTitle).HasMaxLength(FieldLengths.Title).IsRequired();
        builder.Property(p => p.BriefText).HasMaxLength(FieldLengths.LongText).IsRequired();
        builder.Property(p => p.Summary).HasMaxLength(FieldLengths.Narrative);
        builder.Property(p => p.ExtensionReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(p => p.ScheduleOverrideReason).HasMaxLength(FieldLengths.Reason + 200);
        builder.Property(p => p.ScheduleOverriddenById).HasMaxLength(FieldLengths.UserId);
        builder.Property(p => p.ExtensionGrantedById).HasMaxLength(FieldLengths.UserId);
        builder.Ignore(p => p.EffectiveClose);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(p => p.CaseId);
        builder.HasIndex(p => new { p.CaseId, p.Attempt }).IsUnique();
        builder.HasIndex(p => p.WindowOpensAt);
        builder.HasIndex(p => p.WindowClosesAt);
    }
}
