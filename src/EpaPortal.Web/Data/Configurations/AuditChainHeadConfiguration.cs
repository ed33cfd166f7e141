using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data.AuditTrail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("AuditChainHead");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(FieldLengths.Sha256Hex).IsFixedLength().IsRequired();
        builder.Property(h => h.FirstPreviousHash).HasMaxLength(FieldLengths.Sha256Hex).IsFixedLength().IsRequired();

        // Moving the head checks it is still where it was read (the lock makes this always true; the check
        // would turn a lost lock into a failed save rather than a fork).
        builder.Property(h => h.Sequence).IsConcurrencyToken();

        // The one row, created by the migration: an empty chain that starts at 1 after the genesis hash.
        builder.HasData(new AuditChainHead(AuditChainHead.SingletonId, 0, AuditChain.Genesis, 1, AuditChain.Genesis));
    }
}
