using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class GatewayItemReviewConfiguration : IEntityTypeConfiguration<GatewayItemReview>
{
    public void Configure(EntityTypeBuilder<GatewayItemReview> builder)
    {
        builder.Property(r => r.Reason).HasMaxLength(FieldLengths.Reason);
        builder.HasIndex(r => new { r.GatewaySubmissionId, r.Item }).IsUnique();
    }
}
