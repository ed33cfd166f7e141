using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Features.Api.Clients;
using EpaPortal.Web.Features.Api.National;
using EpaPortal.Web.Features.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EpaPortal.Web.Data.Configurations;

public class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.Property(c => c.ClientId).HasMaxLength(ApiClient.ClientIdLength).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Property(c => c.Scopes).HasMaxLength(ApiClient.ScopesLength).IsRequired();
        builder.Property(c => c.SecretHash).HasMaxLength(FieldLengths.Sha256Hex).IsFixedLength().IsRequired();
        builder.Property(c => c.CreatedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Ignore(c => c.ScopeSet);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.HasIndex(c => c.OrganisationId);
    }
}

public class ApiSigningKeyConfiguration : IEntityTypeConfiguration<ApiSigningKey>
{
    public void Configure(EntityTypeBuilder<ApiSigningKey> builder)
    {
        builder.Property(k => k.KeyId).HasMaxLength(ApiSigningKey.KeyIdLength).IsRequired();
        builder.Property(k => k.ProtectedKey).HasMaxLength(ApiSigningKey.ProtectedLength).IsRequired();
        builder.HasIndex(k => k.KeyId).IsUnique();
    }
}

public class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlLength).IsRequired();
        builder.Property(s => s.Events).HasMaxLength(WebhookSubscription.EventsLength).IsRequired();
        builder.Property(s => s.ProtectedSecret).HasMaxLength(WebhookSubscription.SecretLength).IsRequired();
        builder.Property(s => s.CreatedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.OrganisationId);
    }
}

public class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.EventType).HasMaxLength(WebhookDelivery.EventTypeLength).IsRequired();
        builder.Property(d => d.Payload).HasMaxLength(FieldLengths.LongText).IsRequired();
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorLength);
        builder.Property(d => d.ClaimedBy).HasMaxLength(WebhookDelivery.ClaimLength);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);

        // The dispatcher's query: not delivered, not given up, due.
        builder.HasIndex(d => new { d.DeliveredAt, d.GaveUpAt, d.NextAttemptAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.Id });
    }
}

public class NationalSubmissionConfiguration : IEntityTypeConfiguration<NationalSubmission>
{
    public void Configure(EntityTypeBuilder<NationalSubmission> builder)
    {
        builder.Property(s => s.Reference).HasMaxLength(NationalSubmission.ReferenceLength);
        builder.Property(s => s.Errors).HasMaxLength(NationalSubmission.ErrorsLength);
        builder.Property(s => s.ById).HasMaxLength(FieldLengths.UserId).IsRequired();
        builder.Property(s => s.ByName).HasMaxLength(FieldLengths.Name).IsRequired();
        builder.Ignore(s => s.ErrorList);
        builder.HasOne<EpaCase>().WithMany().HasForeignKey(s => s.CaseId);
        builder.HasIndex(s => new { s.CaseId, s.Id });
    }
}
