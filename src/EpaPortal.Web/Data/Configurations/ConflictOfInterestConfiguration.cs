using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class ConflictOfInterestConfiguration : IEntityTypeConfiguration<ConflictOfInterest>
{
    public void Configure(EntityTypeBuilder<ConflictOfInterest> builder)
    {
        builder.ToTable("ConflictsOfInterest");
        builder.Property(c => c.AssessorId).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(c => c.Reason).HasMaxLength(FieldLengths.Reason).IsRequired();
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.AssessorId);
        builder.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId);
        builder.HasIndex(c => new { c.AssessorId, c.OrganisationId });
        builder.HasIndex(c => c.OrganisationId);
    }
}
