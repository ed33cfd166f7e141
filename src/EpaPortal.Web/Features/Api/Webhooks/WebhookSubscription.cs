namespace EpaPortal.Web.Features.Api.Webhooks;

/// <summary>The events an organisation can subscribe to. None carries anything confidential.</summary>
public static class WebhookEvents
{
    public const string RegistrationAccepted = "registration.accepted";
    public const string GatewayApproved = "gateway.approved";
    public const string InterviewBooked = "interview.booked";
    public const string ResultReleased = "result.released";
    public const string AppealDecided = "appeal.decided";

    public static IReadOnlyList<string> All { get; } = [RegistrationAccepted, GatewayApproved, InterviewBooked, ResultReleased, AppealDecided];

    public static string Describe(string type) => type switch
    {
        RegistrationAccepted => "Registration accepted",
        GatewayApproved => "Gateway approved",
        InterviewBooked => "Interview booked",
        ResultReleased => "Result released",
        AppealDecided => "Appeal decided",
        _ => type,
    };
}

/// <summary>
/// An organisation's HTTPS endpoint that hears of its apprentices' events. Deliveries are signed with the
/// subscription's secret (shown once; kept encrypted with the data-protection key ring, because signing
/// needs it back).
/// </summary>
public class WebhookSubscription
{
    public const int UrlLength = 500;
    public const int EventsLength = 500;
    public const int SecretLength = 1000;

    private WebhookSubscription()
    {
        Url = Events = ProtectedSecret = CreatedById = string.Empty;
    }

    public WebhookSubscription(int organisationId, string url, IEnumerable<string> events, string protectedSecret, DateTimeOffset createdAt, string createdById)
    {
        OrganisationId = organisationId;
        Url = url;
        Events = string.Join(' ', events.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        ProtectedSecret = protectedSecret;
        CreatedAt = createdAt;
        CreatedById = createdById;
    }

    public int Id { get; private set; }

    public int OrganisationId { get; private set; }

    public string Url { get; private set; }

    /// <summary>Subscribed event types, space-separated (<see cref="WebhookEvents"/>).</summary>
    public string Events { get; private set; }

    public string ProtectedSecret { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedById { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    public bool Wants(string eventType) => Events.Split(' ').Contains(eventType, StringComparer.Ordinal);

    public void Disable(DateTimeOffset at) => DisabledAt ??= at;
}

/// <summary>
/// One event on its way to one subscription (the webhook outbox): added in the same save as the change it
/// reports, sent by the outbox's background loop with the outbox's back-off, kept with its outcome so an
/// admin can see it and send it again.
/// </summary>
public class WebhookDelivery
{
    public const int EventTypeLength = 60;
    public const int ErrorLength = 2000;
    public const int ClaimLength = 100;

    private WebhookDelivery()
    {
        EventType = Payload = string.Empty;
    }

    public WebhookDelivery(int subscriptionId, Guid eventId, string eventType, int? caseId, string payload, DateTimeOffset createdAt)
    {
        SubscriptionId = subscriptionId;
        EventId = eventId;
        EventType = eventType;
        CaseId = caseId;
        Payload = payload;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public long Id { get; private set; }

    public int SubscriptionId { get; private set; }

    /// <summary>The event's id, the same on every retry (receivers use it to ignore duplicates).</summary>
    public Guid EventId { get; private set; }

    public string EventType { get; private set; }

    /// <summary>The case the event is about (no foreign key: deliveries outlive purges).</summary>
    public int? CaseId { get; private set; }

    /// <summary>The JSON body, exactly as signed and sent.</summary>
    public string Payload { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The receiver's HTTP status on the last attempt (null: no answer).</summary>
    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public string? ClaimedBy { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public DateTimeOffset? GaveUpAt { get; private set; }

    /// <summary>An admin's "send again": one more attempt at once, even after delivery or giving up.</summary>
    public void SendAgain(DateTimeOffset now)
    {
        GaveUpAt = null;
        DeliveredAt = null;
        NextAttemptAt = now;
    }
}
