using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class EmployerReferenceConfiguration : IEntityTypeConfiguration<EmployerReference>
{
    public void Configure(EntityTypeBuilder<EmployerReference> builder)
    {
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.RefereeName).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.RefereeJobTitle).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.RelationshipToApprentice).HasMaxLength(FieldLengths.ShortText);
        builder.Property(r => r.RefereeEmail).HasMaxLength(FieldLengths.Email);
        builder.Property(r => r.SubmittedById).HasMaxLength(FieldLengths.UserId);
        builder.Property(r => r.ReopenReason).HasMaxLength(FieldLengths.Reason);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(r => r.CaseId);
        builder.HasMany(r => r.Sections).WithOne().HasForeignKey(s => s.EmployerReferenceId);
        builder.Navigation(r => r.Sections).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(r => r.CaseId).IsUnique();
    }
}
