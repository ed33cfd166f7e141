using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class JudgementConfiguration : IEntityTypeConfiguration<Judgement>
{
    public void Configure(EntityTypeBuilder<Judgement> builder)
    {
        builder.Property(j => j.Version).IsConcurrencyToken();
        builder.Property(j => j.AssessorId).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(j => j.OverrideJustification).HasMaxLength(FieldLengths.Reason);
        builder.Property(j => j.Feedback).HasMaxLength(FieldLengths.LongText);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(j => j.CaseId);
        builder.HasMany(j => j.Areas).WithOne().HasForeignKey(a => a.JudgementId);
        builder.HasMany(j => j.CompetencyEvidence).WithOne().HasForeignKey(c => c.JudgementId);
        builder.HasMany(j => j.CriterionResults).WithOne().HasForeignKey(c => c.JudgementId);
        builder.Navigation(j => j.Areas).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(j => j.CompetencyEvidence).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(j => j.CriterionResults).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(j => new { j.CaseId, j.Attempt }).IsUnique();

        // The cases a person assessed (the quality assurer's queue leaves them out): one range per person.
        builder.HasIndex(j => new { j.AssessorId, j.CaseId });
    }
}
