using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.ToAddress).HasMaxLength(FieldLengths.Email).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(FieldLengths.ShortText).IsRequired();
        builder.Property(m => m.TextBody).IsRequired();
        builder.Property(m => m.HtmlBody).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(m => m.ClaimedBy).HasMaxLength(OutboxMessage.ClaimMaxLength);

        // The dispatcher's query: unsent, not given up, due.
        builder.HasIndex(m => new { m.SentAt, m.GaveUpAt, m.NextAttemptAt });
        builder.HasIndex(m => new { m.CaseId, m.Kind });
    }
}
