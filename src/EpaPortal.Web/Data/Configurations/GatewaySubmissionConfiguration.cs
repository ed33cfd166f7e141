using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class GatewaySubmissionConfiguration : IEntityTypeConfiguration<GatewaySubmission>
{
    public void Configure(EntityTypeBuilder<GatewaySubmission> builder)
    {
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.Property(g => g.SubmittedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(g => g.ReviewedById).HasMaxLength(FieldLengths.UserId);
        builder.Property(g => g.EnglishExemptionReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(g => g.MathsExemptionReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(g => g.EmployerSignatoryName).HasMaxLength(FieldLengths.Name);
        builder.Property(g => g.EmployerSignatoryJobTitle).HasMaxLength(FieldLengths.Name);
        builder.Property(g => g.ProviderSignatoryName).HasMaxLength(FieldLengths.Name);
        builder.Property(g => g.ProviderSignatoryJobTitle).HasMaxLength(FieldLengths.Name);
        builder.Property(g => g.ProviderSignedById).HasMaxLength(FieldLengths.UserId);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(g => g.CaseId);
        builder.HasMany(g => g.ModuleResults).WithOne().HasForeignKey(m => m.GatewaySubmissionId);
        builder.HasMany(g => g.Reviews).WithOne().HasForeignKey(r => r.GatewaySubmissionId);
        builder.Navigation(g => g.ModuleResults).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(g => g.Reviews).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(g => new { g.CaseId, g.SubmittedAt });
    }
}
