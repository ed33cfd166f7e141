using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class EntryQualificationConfiguration : IEntityTypeConfiguration<EntryQualification>
{
    public void Configure(EntityTypeBuilder<EntryQualification> builder)
    {
        builder.Property(q => q.Kind).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.Property(q => q.Subject).HasMaxLength(FieldLengths.Title).IsRequired();
        builder.Property(q => q.Grade).HasMaxLength(FieldLengths.Code);
        builder.HasIndex(q => q.ApprenticeId);
    }
}
