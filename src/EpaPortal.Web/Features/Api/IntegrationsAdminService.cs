using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Api.Clients;
using EpaPortal.Web.Features.Api.Webhooks;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Api;

/// <summary>The admin's side of the integrations: API clients and webhook subscriptions with their deliveries.</summary>
public sealed class IntegrationsAdminService(PortalDbContext db, ApiClientDirectory directory, WebhookSecrets secrets, CurrentUser user, AuditLog audit, TimeProvider clock)
{
    public const int DeliveriesShown = 100;

    public async Task<ApiClientsViewModel> ClientsAsync(ApiClientInput? input, IReadOnlyList<string> problems, ShownSecret? secret, CancellationToken cancellationToken)
    {
        var clients = await (from c in db.ApiClients.AsNoTracking()
                             join o in db.Organisations.AsNoTracking() on c.OrganisationId equals o.Id
                             orderby c.DisabledAt != null, o.Name, c.Name
                             select new { c.Id, c.ClientId, c.Name, Organisation = o.Name, c.Scopes, c.CreatedAt, c.SecretChangedAt, c.DisabledAt })
            .ToListAsync(cancellationToken);
        var actorIds = clients.Select(c => ApiAuthentication.ActorId(c.ClientId)).ToList();
        var lastCalls = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == ApiAudit.Action && actorIds.Contains(a.ActorId))
            .GroupBy(a => a.ActorId).Select(g => new { g.Key, Last = g.Max(a => a.At) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);
        var rows = clients.Select(c => new ApiClientRow(c.Id, c.ClientId, c.Name, c.Organisation, c.Scopes, UkTime.DateTime(c.CreatedAt),
            c.SecretChangedAt is { } changed ? UkTime.DateTime(changed) : null, c.DisabledAt is { } disabled ? UkTime.DateTime(disabled) : null,
            lastCalls.TryGetValue(ApiAuthentication.ActorId(c.ClientId), out var last) ? UkTime.DateTime(last) : null)).ToList();
        return new ApiClientsViewModel(rows, await OrganisationsAsync(cancellationToken), input ?? new ApiClientInput { Scopes = ["read"] }, problems, secret);
    }

    /// <summary>Makes the client; its secret is returned once and only its hash is kept.</summary>
    public async Task<(ShownSecret? Secret, string? Problem)> CreateClientAsync(ApiClientInput input, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == input.OrganisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return (null, "Choose the organisation from the list.");
        }

        var secret = ApiClientSecrets.NewSecret();
        var client = new ApiClient(ApiClientSecrets.NewClientId(), input.Name!.Trim(), input.OrganisationId!.Value, input.Scopes.Distinct(), ApiClientSecrets.Hash(secret), clock.GetUtcNow(), user.Id);
        db.ApiClients.Add(client);
        audit.Add("ApiClientCreated", null, $"{client.Name} ({client.ClientId}) for {organisation}, scopes {client.Scopes}");
        await db.SaveChangesAsync(cancellationToken);
        return (new ShownSecret(client.Name, client.ClientId, secret), null);
    }

    public async Task<ShownSecret?> NewClientSecretAsync(int id, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id && c.DisabledAt == null, cancellationToken);
        if (client is null)
        {
            return null;
        }

        var secret = ApiClientSecrets.NewSecret();
        client.ReplaceSecret(ApiClientSecrets.Hash(secret), clock.GetUtcNow());
        audit.Add("ApiClientSecretReplaced", null, $"{client.Name} ({client.ClientId})");
        await db.SaveChangesAsync(cancellationToken);
        directory.Forget(client.ClientId);
        return new ShownSecret(client.Name, client.ClientId, secret);
    }

    public async Task<bool> DisableClientAsync(int id, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return false;
        }

        client.Disable(clock.GetUtcNow());
        audit.Add("ApiClientDisabled", null, $"{client.Name} ({client.ClientId})");
        await db.SaveChangesAsync(cancellationToken);
        directory.Forget(client.ClientId);
        return true;
    }

    public async Task<WebhooksViewModel> WebhooksAsync(WebhookInput? input, IReadOnlyList<string> problems, ShownSecret? secret, CancellationToken cancellationToken) =>
        new(await SubscriptionRowsAsync(null, cancellationToken), await OrganisationsAsync(cancellationToken), input ?? new WebhookInput(), problems, secret);

    public async Task<(ShownSecret? Secret, string? Problem)> CreateWebhookAsync(WebhookInput input, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == input.OrganisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return (null, "Choose the organisation from the list.");
        }

        var secret = WebhookSecrets.NewSecret();
        var subscription = new WebhookSubscription(input.OrganisationId!.Value, input.Url!.Trim(), input.Events, secrets.Protect(secret), clock.GetUtcNow(), user.Id);
        db.WebhookSubscriptions.Add(subscription);
        audit.Add("WebhookSubscribed", null, $"{organisation}: {subscription.Url} ({subscription.Events})");
        await db.SaveChangesAsync(cancellationToken);
        return (new ShownSecret($"{organisation} → {subscription.Url}", subscription.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), secret), null);
    }

    public async Task<bool> DisableWebhookAsync(int id, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return false;
        }

        subscription.Disable(clock.GetUtcNow());
        audit.Add("WebhookDisabled", null, subscription.Url);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<WebhookDeliveriesViewModel?> DeliveriesAsync(int subscriptionId, CancellationToken cancellationToken)
    {
        if ((await SubscriptionRowsAsync(subscriptionId, cancellationToken)).SingleOrDefault() is not { } subscription)
        {
            return null;
        }

        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId)
            .OrderByDescending(d => d.Id).Take(DeliveriesShown).ToListAsync(cancellationToken);
        return new WebhookDeliveriesViewModel(subscription, deliveries.Select(d => new DeliveryRow(d.Id, WebhookEvents.Describe(d.EventType), d.CaseId, UkTime.DateTime(d.CreatedAt), d.Attempts,
            d.LastStatusCode, d.LastError, d.DeliveredAt is { } delivered ? UkTime.DateTime(delivered) : null, d.GaveUpAt is { } gaveUp ? UkTime.DateTime(gaveUp) : null,
            d.DeliveredAt is null && d.GaveUpAt is null ? UkTime.DateTime(d.NextAttemptAt) : null)).ToList());
    }

    /// <summary>Queues a delivery again at once (after a fix at the receiver); the subscription it belongs to, or null.</summary>
    public async Task<int?> ResendAsync(long deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null)
        {
            return null;
        }

        delivery.SendAgain(clock.GetUtcNow());
        audit.Add("WebhookResent", delivery.CaseId, $"{WebhookEvents.Describe(delivery.EventType)} (delivery {delivery.Id})");
        await db.SaveChangesAsync(cancellationToken);
        return delivery.SubscriptionId;
    }

    private async Task<List<WebhookRow>> SubscriptionRowsAsync(int? id, CancellationToken cancellationToken)
    {
        var rows = await (from s in db.WebhookSubscriptions.AsNoTracking()
                          join o in db.Organisations.AsNoTracking() on s.OrganisationId equals o.Id
                          where id == null || s.Id == id
                          orderby s.DisabledAt != null, o.Name, s.Id
                          select new
                          {
                              s.Id,
                              Organisation = o.Name,
                              s.Url,
                              s.Events,
                              s.CreatedAt,
                              s.DisabledAt,
                              Waiting = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.DeliveredAt == null && d.GaveUpAt == null),
                              GivenUp = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.GaveUpAt != null),
                          })
            .ToListAsync(cancellationToken);
        return rows.Select(s => new WebhookRow(s.Id, s.Organisation, s.Url, s.Events.Split(' ').Select(WebhookEvents.Describe).ToList(), UkTime.DateTime(s.CreatedAt),
            s.DisabledAt is { } disabled ? UkTime.DateTime(disabled) : null, s.Waiting, s.GivenUp)).ToList();
    }

    private async Task<List<OrganisationChoice>> OrganisationsAsync(CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new OrganisationChoice(o.Id, o.Name)).ToListAsync(cancellationToken);
}
