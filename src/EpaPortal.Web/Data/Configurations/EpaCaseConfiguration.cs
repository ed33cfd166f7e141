using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class EpaCaseConfiguration : IEntityTypeConfiguration<EpaCase>
{
    public void Configure(EntityTypeBuilder<EpaCase> builder)
    {
        builder.ToTable("Cases");
        builder.Property(c => c.Version).IsConcurrencyToken();

        // Bytes stored and reserved for the case (Storage/StorageQuota): on no page, changed only by its UPDATEs.
        builder.Property<long>(Storage.StorageQuota.UsedBytesColumn).HasDefaultValue(0L);
        builder.Property(c => c.AssessorId).HasMaxLength(FieldLengths.UserId);
        builder.Property(c => c.HoldReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(c => c.ExceptionalCircumstancesReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(c => c.PortfolioSnapshotHash).HasMaxLength(FieldLengths.Sha256Hex);
        builder.Property(c => c.PortfolioConfirmedByName).HasMaxLength(FieldLengths.Name);
        builder.Property(c => c.PortfolioConfirmedByJobTitle).HasMaxLength(FieldLengths.Name);
        builder.Property(c => c.PortfolioReturnReason).HasMaxLength(FieldLengths.Reason);

        builder.HasOne(c => c.Apprentice).WithMany().HasForeignKey(c => c.ApprenticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.StandardVersion).WithMany().HasForeignKey(c => c.StandardVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.AssessorId).OnDelete(DeleteBehavior.Restrict);

        // Caseload (assessor + state; the other columns let the caseload order itself from the index alone),
        // admin lists by state and age, the apprentice's own case.
        builder.HasIndex(c => new { c.AssessorId, c.State, c.IsOnHold, c.StateChangedAt, c.Attempt });
        builder.HasIndex(c => new { c.State, c.StateChangedAt });
        builder.HasIndex(c => c.ApprenticeId);
        builder.HasIndex(c => c.StandardVersionId);
        builder.HasIndex(c => c.CreatedAt);
    }
}
