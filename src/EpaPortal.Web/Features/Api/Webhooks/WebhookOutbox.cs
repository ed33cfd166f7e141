using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EpaPortal.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Api.Webhooks;

/// <summary>
/// Adds webhook deliveries for an event to the caller's context without saving, like the e-mail
/// <c>Notifier</c>: the feature's own SaveChanges commits them with the change, so an organisation hears of
/// an event if and only if it happened. The payload names the event and the registration, never its content:
/// the receiver reads what it may see through the API.
/// </summary>
public sealed class WebhookOutbox(PortalDbContext db, TimeProvider clock)
{
    public async Task QueueAsync(int caseId, string eventType, CancellationToken cancellationToken = default)
    {
        // FindAsync sees the caller's tracked (possibly unsaved) case.
        var epaCase = await db.Cases.FindAsync([caseId], cancellationToken);
        if (epaCase is null)
        {
            return;
        }

        // One command: the apprentice's organisation's live subscriptions (none, usually).
        var apprenticeId = epaCase.ApprenticeId;
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.DisabledAt == null && db.Apprentices.Any(a => a.Id == apprenticeId && a.OrganisationId == s.OrganisationId))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var subscription in subscriptions.Where(s => s.Wants(eventType)))
        {
            var eventId = Guid.NewGuid();
            db.Add(new WebhookDelivery(subscription.Id, eventId, eventType, caseId, Payload(eventId, eventType, now, epaCase.Id, epaCase.ApprenticeId, epaCase.State.ToString()), now));
        }
    }

    /// <summary>The JSON body: what happened and to which registration, with the link to read it.</summary>
    public static string Payload(Guid eventId, string eventType, DateTimeOffset occurredAt, int caseId, int apprenticeId, string status) =>
        JsonSerializer.Serialize(new
        {
            id = eventId,
            type = eventType,
            occurredAt,
            data = new
            {
                registrationId = caseId,
                apprenticeId,
                status,
                href = string.Create(CultureInfo.InvariantCulture, $"/api/v1/registrations/{caseId}"),
            },
        });
}

/// <summary>
/// The signature of a delivery: HMAC-SHA256 with the subscription's secret over "{timestamp}.{body}", sent as
/// <c>X-EpaPortal-Signature: v1=&lt;hex&gt;</c> beside <c>X-EpaPortal-Timestamp</c> (Unix seconds). A receiver
/// recomputes it over the raw body and refuses old timestamps (replays).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-EpaPortal-Signature";
    public const string TimestampHeader = "X-EpaPortal-Timestamp";
    public const string EventHeader = "X-EpaPortal-Event";
    public const string DeliveryHeader = "X-EpaPortal-Delivery";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body));
        return "v1=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: the signature matches and the timestamp is recent.</summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || signatureHeader is null
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signatureHeader));
    }
}

/// <summary>Webhook secrets: shown once, kept encrypted with the data-protection key ring (signing needs them back).</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("EpaPortal.Api.WebhookSecret.v1");

    public static string NewSecret() => "whsec_" + Clients.ApiClientSecrets.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
