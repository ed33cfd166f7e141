namespace EpaPortal.Web.Features.Notifications;

/// <summary>What a notification is about; stored on each outbox message (and used for reminders).</summary>
public enum NotificationKind
{
    Invitation,
    PasswordReset,
    AccountEmail,
    PortfolioSubmitted,
    ReferenceRequested,
    ReferenceReminder,
    GatewaySubmitted,
    GatewayApproved,
    GatewayRejected,
    AssessorAllocated,
    ProjectWindowOpening,
    InterviewBooked,
    InterviewMoved,
    ReadyForQa,
    CaseReturnedByQa,
    ResultReleased,
    AppealReceived,
    AppealDecided,
    AccountSecurity,

    /// <summary>The training provider is asked to co-sign the gateway (issue 19).</summary>
    GatewayCoSignRequested,

    /// <summary>After a released Fail the training provider is asked to agree a re-sit or a re-take (issue 19).</summary>
    NextAttemptToAgree,

    /// <summary>Quality assurance moderated the assessor's grade (issue 21, item 5): no grade, no reason in the e-mail.</summary>
    GradeModerated,

    /// <summary>A new message about a case (issue 25, item 5): no word of the message, only a link to sign in and read it.</summary>
    CaseMessage,
}

/// <summary>The rendered parts of one e-mail. Templates build it from safe facts only.</summary>
public sealed record EmailContent(string Subject, string TextBody, string HtmlBody);

/// <summary>
/// One e-mail waiting to be sent (transactional outbox). It is added to the context by the
/// <see cref="Notifier"/> and saved in the same SaveChanges as the change it reports; the
/// <see cref="OutboxDispatcher"/> sends it later, retrying with back-off. Infrastructure, not domain.
/// </summary>
public class OutboxMessage
{
    public const int ErrorMaxLength = 2000;
    public const int ClaimMaxLength = 100;
    public const string SecretRemoved = "(removed after sending: it contained a one-time link)";

    private OutboxMessage()
    {
        ToAddress = ToName = Subject = TextBody = HtmlBody = string.Empty;
    }

    public OutboxMessage(NotificationKind kind, int? caseId, string toAddress, string toName, EmailContent content, DateTimeOffset createdAt, bool containsSecret = false, string? calendarIcs = null)
    {
        Kind = kind;
        CaseId = caseId;
        ToAddress = toAddress;
        ToName = toName;
        Subject = content.Subject;
        TextBody = content.TextBody;
        HtmlBody = content.HtmlBody;
        ContainsSecret = containsSecret;
        CalendarIcs = calendarIcs;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
        MessageId = Guid.NewGuid();
    }

    public long Id { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>The case the message is about, if any (no foreign key: the outbox outlives purges).</summary>
    public int? CaseId { get; private set; }

    public string ToAddress { get; private set; }

    public string ToName { get; private set; }

    public string Subject { get; private set; }

    public string TextBody { get; private set; }

    public string HtmlBody { get; private set; }

    /// <summary>An iCalendar (METHOD:REQUEST) sent as an invitation with the message.</summary>
    public string? CalendarIcs { get; private set; }

    /// <summary>The body holds a one-time link (invitation, password reset): it is blanked once sent.</summary>
    public bool ContainsSecret { get; private set; }

    /// <summary>The Message-ID header, stable across retries so a duplicate delivery is recognisable.</summary>
    public Guid MessageId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the dispatcher may (next) try to send it.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The dispatcher pass that holds the message, until <see cref="LockedUntil"/>.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Set when the attempts ran out; an admin can retry from /admin/outbox.</summary>
    public DateTimeOffset? GaveUpAt { get; private set; }

    /// <summary>An admin's "retry now": one more attempt at once, even after it was given up.</summary>
    public void RetryNow(DateTimeOffset now)
    {
        if (SentAt is not null)
        {
            throw new InvalidOperationException("This message has already been sent.");
        }

        GaveUpAt = null;
        NextAttemptAt = now;
    }
}
