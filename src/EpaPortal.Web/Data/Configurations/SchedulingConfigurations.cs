using System.Text.Json;
using EpaPortal.Domain.Adjustments;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

/// <summary>An assessor's diary is one row: the weekly hours and the leave are small lists kept as JSON text,
/// so the booking page reads the whole diary with the busy times in one command.</summary>
public class AssessorDiaryConfiguration : IEntityTypeConfiguration<AssessorDiary>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<AssessorDiary> builder)
    {
        builder.HasKey(d => d.AssessorId);
        builder.Property(d => d.AssessorId).HasMaxLength(FieldLengths.UserId);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.FeedTokenHash).HasMaxLength(FieldLengths.Sha256Hex).IsFixedLength();
        builder.HasIndex(d => d.FeedTokenHash).IsUnique();
        builder.Property(d => d.WeeklyHours).HasConversion(
                hours => JsonSerializer.Serialize(hours, Json),
                text => JsonSerializer.Deserialize<List<WorkingHours>>(text, Json) ?? new List<WorkingHours>(),
                ListComparer<WorkingHours>())
            .HasMaxLength(FieldLengths.Description).IsRequired();
        builder.Property(d => d.Leave).HasConversion(
                leave => JsonSerializer.Serialize(leave, Json),
                text => JsonSerializer.Deserialize<List<LeaveRange>>(text, Json) ?? new List<LeaveRange>(),
                ListComparer<LeaveRange>())
            .IsRequired();
        builder.HasOne<PortalUser>().WithOne().HasForeignKey<AssessorDiary>(d => d.AssessorId);
    }

    private static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        list => list.ToList());
}

public class ReasonableAdjustmentConfiguration : IEntityTypeConfiguration<ReasonableAdjustment>
{
    public void Configure(EntityTypeBuilder<ReasonableAdjustment> builder)
    {
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.Details).HasMaxLength(ReasonableAdjustment.MaxDetailsLength).IsRequired();
        builder.Property(a => a.RequestedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(a => a.DecidedById).HasMaxLength(FieldLengths.UserId);
        builder.Property(a => a.DecisionReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(a => a.Summary).HasMaxLength(ReasonableAdjustment.MaxSummaryLength);
        builder.Property(a => a.AmendmentReason).HasMaxLength(FieldLengths.Reason);
        builder.Property(a => a.AmendedById).HasMaxLength(FieldLengths.UserId);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(a => a.CaseId);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(a => a.EvidenceFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.CaseId);
        builder.HasIndex(a => a.EvidenceFileId);
        builder.Ignore(a => a.Effect);
    }
}
