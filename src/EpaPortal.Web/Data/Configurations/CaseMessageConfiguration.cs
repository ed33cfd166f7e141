using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class CaseMessageConfiguration : IEntityTypeConfiguration<CaseMessage>
{
    public void Configure(EntityTypeBuilder<CaseMessage> builder)
    {
        builder.Property(m => m.AuthorUserId).HasMaxLength(FieldLengths.UserId);
        builder.Property(m => m.AuthorName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(m => m.AuthorRole).HasMaxLength(FieldLengths.Code).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(CaseMessage.MaxBodyLength).IsRequired();
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(m => m.CaseId);

        // A case's thread in order, and the unread count (messages after a reader's marker, per case).
        builder.HasIndex(m => new { m.CaseId, m.Id });

        // The subject access export: what a person wrote.
        builder.HasIndex(m => m.AuthorUserId);
    }
}

public class CaseMessageReadConfiguration : IEntityTypeConfiguration<CaseMessageRead>
{
    public void Configure(EntityTypeBuilder<CaseMessageRead> builder)
    {
        builder.HasKey(r => new { r.UserId, r.CaseId });
        builder.Property(r => r.UserId).HasMaxLength(FieldLengths.UserId);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(r => r.CaseId);
    }
}
