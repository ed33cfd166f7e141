using System.Text;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Api.Webhooks;

/// <summary>
/// Sends due webhook deliveries, the way the e-mail outbox sends messages: a pass claims due rows with one
/// conditional UPDATE (so instances never send the same delivery at once), posts each signed body, and marks
/// it delivered on a 2xx answer or schedules the next attempt with the outbox's back-off
/// (<see cref="OutboxDispatcher.RetryDelay"/>), giving up after <c>Email:Outbox:MaxAttempts</c>. Run by the
/// outbox's background loop; tests call <see cref="DispatchDueAsync"/>.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory http,
    WebhookSecrets secrets,
    TimeProvider clock,
    IOptionsMonitor<EmailOptions> options,
    ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "webhooks";

    private static readonly string Instance = Environment.MachineName + "/" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<DispatchResult> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue.Outbox;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var claim = (Instance.Length > 60 ? Instance[..60] : Instance) + "/" + Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var lockedUntil = now.AddSeconds(Math.Max(30, settings.ClaimSeconds));
        var due = db.WebhookDeliveries
            .Where(d => d.DeliveredAt == null && d.GaveUpAt == null && d.NextAttemptAt <= now && (d.LockedUntil == null || d.LockedUntil < now))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Select(d => d.Id)
            .Take(Math.Max(1, settings.BatchSize));
        var claimed = await db.WebhookDeliveries
            .Where(d => due.Contains(d.Id) && d.DeliveredAt == null && d.GaveUpAt == null && (d.LockedUntil == null || d.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, claim).SetProperty(d => d.LockedUntil, lockedUntil), cancellationToken);
        if (claimed == 0)
        {
            return DispatchResult.None;
        }

        var deliveries = await (from d in db.WebhookDeliveries.AsNoTracking()
                                join s in db.WebhookSubscriptions.AsNoTracking() on d.SubscriptionId equals s.Id
                                where d.ClaimedBy == claim
                                orderby d.NextAttemptAt, d.Id
                                select new { Delivery = d, s.Url, s.ProtectedSecret, s.DisabledAt })
            .ToListAsync(cancellationToken);
        int sent = 0, failed = 0;
        var client = http.CreateClient(HttpClientName);
        foreach (var item in deliveries)
        {
            var delivery = item.Delivery;
            int? status = null;
            string? error;
            if (item.DisabledAt is not null)
            {
                error = "The subscription was disabled.";
            }
            else
            {
                try
                {
                    var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
                    using var request = new HttpRequestMessage(HttpMethod.Post, item.Url)
                    {
                        Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Add(WebhookSignature.EventHeader, delivery.EventType);
                    request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.EventId.ToString());
                    request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secrets.Unprotect(item.ProtectedSecret), timestamp, delivery.Payload));
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    status = (int)response.StatusCode;
                    error = response.IsSuccessStatusCode ? null : $"The receiver answered {status} {response.ReasonPhrase}.";
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    error = ex is TaskCanceledException ? "The receiver did not answer in time." : "The receiver could not be reached: " + ex.Message;
                }
            }

            var at = clock.GetUtcNow();
            var mine = db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.ClaimedBy == claim);
            if (error is null)
            {
                await mine.ExecuteUpdateAsync(s => s.SetProperty(d => d.DeliveredAt, at).SetProperty(d => d.LastAttemptAt, at).SetProperty(d => d.Attempts, d => d.Attempts + 1)
                    .SetProperty(d => d.LastStatusCode, status).SetProperty(d => d.LastError, (string?)null)
                    .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
                sent++;
                continue;
            }

            var attempts = delivery.Attempts + 1;
            var gaveUp = attempts >= Math.Max(1, settings.MaxAttempts) || item.DisabledAt is not null ? at : (DateTimeOffset?)null;
            var next = at + OutboxDispatcher.RetryDelay(attempts, settings);
            var text = error.Length > WebhookDelivery.ErrorLength ? error[..WebhookDelivery.ErrorLength] : error;
            await mine.ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastAttemptAt, at).SetProperty(d => d.LastStatusCode, status)
                .SetProperty(d => d.LastError, text).SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.GaveUpAt, gaveUp)
                .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            logger.LogWarning("Webhook delivery {Id} ({Event}) failed (attempt {Attempts}): {Error}", delivery.Id, delivery.EventType, attempts, text);
            failed++;
        }

        return new DispatchResult(deliveries.Count, sent, failed);
    }
}
