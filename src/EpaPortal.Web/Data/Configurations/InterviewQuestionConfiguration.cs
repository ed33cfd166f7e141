using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class InterviewQuestionConfiguration : IEntityTypeConfiguration<InterviewQuestion>
{
    public void Configure(EntityTypeBuilder<InterviewQuestion> builder)
    {
        builder.Property(q => q.Text).HasMaxLength(FieldLengths.Description).IsRequired();
        builder.Property(q => q.AnswerSummary).HasMaxLength(FieldLengths.Narrative);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(q => q.CaseId);
        builder.HasIndex(q => new { q.CaseId, q.Attempt, q.Order });
    }
}
