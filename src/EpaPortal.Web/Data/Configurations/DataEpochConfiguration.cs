using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class DataEpochConfiguration : IEntityTypeConfiguration<DataEpoch>
{
    public void Configure(EntityTypeBuilder<DataEpoch> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();

        // The rows, created by the migration; their first values are arbitrary (they only have to change).
        builder.HasData(
            new DataEpoch { Id = DataEpoch.SharedData, Value = new Guid("5f1c2a3e-8d4b-4e6f-9a7c-1b2d3e4f5a6b") },
            new DataEpoch { Id = DataEpoch.CaseStates, Value = new Guid("0b7e4d2c-3a1f-4c5e-8d9b-6f2a1e3c4d5b") });
    }
}
