using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(o => o.Ukprn).HasMaxLength(FieldLengths.Ukprn);
        builder.Property(o => o.ContactEmail).HasMaxLength(FieldLengths.Email);
        builder.Property(o => o.PostalAddress).HasMaxLength(FieldLengths.Address);
        builder.HasIndex(o => o.Name).IsUnique();
        builder.Property(o => o.IsEmployer).HasDefaultValue(true);

        // A UKPRN names one provider (issue 19); organisations without one do not clash.
        builder.HasIndex(o => o.Ukprn).IsUnique().HasFilter("[Ukprn] IS NOT NULL");
    }
}
