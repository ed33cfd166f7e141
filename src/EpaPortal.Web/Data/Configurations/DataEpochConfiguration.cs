using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class DataEpochConfiguration : IEntityTypeConfiguration<DataEpoch>
{
    public void Configure(EntityTypeBuilder<DataEpoch> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();

        // The one row, created by the migration; its first value is arbitrary (it only has to change).
        builder.HasData(new DataEpoch { Id = DataEpoch.RowId, Value = new Guid("5f1c2a3e-8d4b-4e6f-9a7c-1b2d3e4f5a6b") });
    }
}
