using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.ActorId).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(a => a.ActorName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.Property(a => a.FromState).HasMaxLength(FieldLengths.Code);
        builder.Property(a => a.ToState).HasMaxLength(FieldLengths.Code);
        builder.Property(a => a.Reason).HasMaxLength(FieldLengths.Reason);
        builder.Property(a => a.Details).HasMaxLength(FieldLengths.LongText);

        // The hash chain (ADR 18): set as the entry is saved; the sequence is unique, so two writers can
        // never both extend the chain from the same entry even if the lock failed.
        builder.Property(a => a.PreviousHash).HasMaxLength(FieldLengths.Sha256Hex).IsFixedLength();
        builder.Property(a => a.Hash).HasMaxLength(FieldLengths.Sha256Hex).IsFixedLength();
        builder.Property(a => a.FileSha256).HasMaxLength(FieldLengths.Sha256Hex).IsFixedLength();
        builder.Ignore(a => a.IsSealed);
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.HasIndex(a => a.FileId);

        // Deliberately no foreign key to Cases: the log outlives retention purges of the case data.
        builder.HasIndex(a => new { a.CaseId, a.At });
        builder.HasIndex(a => new { a.ActorId, a.At });
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.Action, a.At });
    }
}
