using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

/// <summary>
/// The case table. Applied by <see cref="PortalDbContext"/> with its provider, because the filters of the
/// open-work and history indexes are SQL (<see cref="CaseStateSql"/>); the assembly scan leaves it out.
/// </summary>
public class EpaCaseConfiguration(bool sqlServer) : IEntityTypeConfiguration<EpaCase>
{
    /// <summary>SQLite's configuration (the assembly scan needs a parameterless constructor to consider a type at all).</summary>
    public EpaCaseConfiguration()
        : this(sqlServer: false)
    {
    }

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
        builder.Property(c => c.ProviderGatewaySignedById).HasMaxLength(FieldLengths.UserId);
        builder.Property(c => c.ProviderGatewaySignatoryName).HasMaxLength(FieldLengths.Name);
        builder.Property(c => c.ProviderGatewaySignatoryJobTitle).HasMaxLength(FieldLengths.Name);
        builder.Property(c => c.ProviderAgreedById).HasMaxLength(FieldLengths.UserId);
        builder.Property(c => c.ProviderAgreedByName).HasMaxLength(FieldLengths.Name);
        builder.Property(c => c.SupportiveActionPlan).HasMaxLength(FieldLengths.Narrative);

        builder.HasOne(c => c.Apprentice).WithMany().HasForeignKey(c => c.ApprenticeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.StandardVersion).WithMany().HasForeignKey(c => c.StandardVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.AssessorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);

        // The training provider (issue 19): its dashboard lists the cases naming it, across employers.
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.ProviderOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ProviderOrganisationId, c.State });

        // Open work and history (OpenWork, issue 26): the assessor's caseload and the employer's dashboard
        // read open cases from indexes that hold open cases only (the caseload orders itself from the index's
        // columns alone), and history from indexes of closed cases in the order it is paged (newest first).
        // Their size follows open work, not the years of closed cases. A query uses them when it says the
        // same state filter (OpenWorkQueries), constants and all.
        var open = CaseStateSql.In(OpenWork.OpenStates, sqlServer);
        var closed = CaseStateSql.In(OpenWork.ClosedStates, sqlServer);
        builder.HasIndex(c => new { c.AssessorId, c.State, c.IsOnHold, c.StateChangedAt, c.Attempt }, "IX_Cases_Open_Assessor").HasFilter(open);
        builder.HasIndex(c => new { c.AssessorId, c.StateChangedAt }, "IX_Cases_Closed_Assessor").HasFilter(closed);
        builder.HasIndex(c => new { c.OrganisationId, c.State, c.IsOnHold }, "IX_Cases_Open_Organisation").HasFilter(open);
        builder.HasIndex(c => new { c.OrganisationId, c.StateChangedAt }, "IX_Cases_Closed_Organisation").HasFilter(closed);

        // The admin's list of open work: newest first (the key leads) and the count of each open state, from
        // an index of open cases alone.
        builder.HasIndex(c => new { c.Id, c.State }, "IX_Cases_Open").HasFilter(open);

        // Admin lists by state and age, the apprentice's own case.
        builder.HasIndex(c => new { c.State, c.StateChangedAt });
        builder.HasIndex(c => c.ApprenticeId);
        builder.HasIndex(c => c.StandardVersionId);
        builder.HasIndex(c => c.CreatedAt);

        // The admin's case list sorted by time in the state without a state filter (issue 21), key then id.
        builder.HasIndex(c => new { c.StateChangedAt, c.Id }, "IX_Cases_StateChangedAt");
    }
}
