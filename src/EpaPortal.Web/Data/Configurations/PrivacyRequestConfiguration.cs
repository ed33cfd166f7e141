using EpaPortal.Domain.Common;
using EpaPortal.Domain.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class PrivacyRequestConfiguration : IEntityTypeConfiguration<PrivacyRequest>
{
    public void Configure(EntityTypeBuilder<PrivacyRequest> builder)
    {
        builder.Property(r => r.UserId).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(r => r.RequesterName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(r => r.Details).HasMaxLength(PrivacyRequest.DetailsMaxLength).IsRequired();
        builder.Property(r => r.DecidedById).HasMaxLength(FieldLengths.UserId);
        builder.Property(r => r.DecidedByName).HasMaxLength(FieldLengths.Name);
        builder.Property(r => r.DecisionReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(r => r.Outcome).HasMaxLength(FieldLengths.Description);
        builder.Ignore(r => r.IsOpen);
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasIndex(r => new { r.UserId, r.CreatedAt });
    }
}
