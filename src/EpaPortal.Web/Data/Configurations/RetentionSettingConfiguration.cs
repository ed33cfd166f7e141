using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class RetentionSettingConfiguration : IEntityTypeConfiguration<RetentionSetting>
{
    public void Configure(EntityTypeBuilder<RetentionSetting> builder)
    {
        builder.ToTable("RetentionSettings");
        builder.HasKey(s => s.DataClass);
        builder.Property(s => s.UpdatedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(s => s.UpdatedByName).HasMaxLength(FieldLengths.Name).IsRequired();
    }
}
