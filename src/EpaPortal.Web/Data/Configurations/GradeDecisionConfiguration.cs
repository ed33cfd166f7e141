using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class GradeDecisionConfiguration : IEntityTypeConfiguration<GradeDecision>
{
    public void Configure(EntityTypeBuilder<GradeDecision> builder)
    {
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.Property(g => g.AssessorId).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(g => g.OverrideJustification).HasMaxLength(FieldLengths.Reason);
        builder.Property(g => g.Reasons).HasMaxLength(FieldLengths.LongText).IsRequired();
        builder.Property(g => g.Feedback).HasMaxLength(FieldLengths.LongText);
        builder.Property(g => g.QaById).HasMaxLength(FieldLengths.UserId);
        builder.Property(g => g.QaReturnReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(g => g.QaSampleReasons).HasMaxLength(FieldLengths.ShortText);
        builder.Property(g => g.ReleasedById).HasMaxLength(FieldLengths.UserId);
        builder.Property(g => g.ModerationReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(g => g.ModeratedById).HasMaxLength(FieldLengths.UserId);
        builder.Ignore(g => g.IsOverride);
        builder.Ignore(g => g.IsModerated);
        builder.Ignore(g => g.ReleasedGrade);
        builder.Ignore(g => g.ReleasedRecommendation);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(g => g.CaseId);
        builder.HasIndex(g => new { g.CaseId, g.Attempt });

        // The cases a person assessed (the quality assurer's queue leaves them out): one range per person.
        builder.HasIndex(g => new { g.AssessorId, g.CaseId });
        builder.HasIndex(g => new { g.QaStatus, g.DecidedAt });
        builder.HasIndex(g => g.ReleasedAt);

        // A quality assurer's own decisions, newest first (a keyset page of /quality/decided).
        builder.HasIndex(g => new { g.QaById, g.QaAt });

        // The reports' period (issue 21): the decisions made between two days.
        builder.HasIndex(g => g.DecidedAt);
    }
}
