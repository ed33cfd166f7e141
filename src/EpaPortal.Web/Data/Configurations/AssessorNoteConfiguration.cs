using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class AssessorNoteConfiguration : IEntityTypeConfiguration<AssessorNote>
{
    public void Configure(EntityTypeBuilder<AssessorNote> builder)
    {
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.Property(n => n.AssessorId).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(n => n.Notes).HasMaxLength(FieldLengths.LongText);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(n => n.CaseId);
        builder.HasMany(n => n.Conclusions).WithOne().HasForeignKey(c => c.AssessorNoteId);
        builder.Navigation(n => n.Conclusions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(n => new { n.CaseId, n.Attempt }).IsUnique();

        // The cases a person assessed (the quality assurer's queue leaves them out): one range per person.
        builder.HasIndex(n => new { n.AssessorId, n.CaseId });
    }
}
