using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class ApprenticeConfiguration : IEntityTypeConfiguration<Apprentice>
{
    public void Configure(EntityTypeBuilder<Apprentice> builder)
    {
        builder.Property(a => a.Uln).HasMaxLength(FieldLengths.Uln).IsFixedLength().IsRequired();
        builder.Property(a => a.GivenNames).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(a => a.FamilyName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(a => a.Email).HasMaxLength(FieldLengths.Email).IsRequired();
        builder.Property(a => a.UserId).HasMaxLength(FieldLengths.UserId);
        builder.Property(a => a.PostalAddress).HasMaxLength(FieldLengths.Address);
        builder.Property(a => a.ReasonableAdjustments).HasMaxLength(FieldLengths.Description);
        builder.Ignore(a => a.FullName);

        builder.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(a => a.EntryQualifications).WithOne().HasForeignKey(q => q.ApprenticeId);
        builder.Navigation(a => a.EntryQualifications).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(a => a.Uln).IsUnique();
        builder.HasIndex(a => a.UserId).IsUnique();
        builder.HasIndex(a => new { a.OrganisationId, a.FamilyName });
        builder.HasIndex(a => new { a.FamilyName, a.GivenNames });

        // The apprentice list's sorts (issue 21), key then id: by family name and by start date (ULN: the unique index).
        builder.HasIndex(a => new { a.FamilyName, a.Id });
        builder.HasIndex(a => new { a.StartDate, a.Id });
    }
}
