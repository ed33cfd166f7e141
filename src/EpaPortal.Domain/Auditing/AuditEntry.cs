namespace EpaPortal.Domain.Auditing;

/// <summary>
/// One line of the append-only audit log: who did what, when, to which case, and for state changes
/// the states either side and the reason. Never updated or deleted.
/// </summary>
public class AuditEntry
{
    private AuditEntry()
    {
        Action = ActorId = ActorName = string.Empty;
    }

    public AuditEntry(DateTimeOffset at, string actorId, string actorName, string action, int? caseId, string? fromState, string? toState, string? reason, string? details)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        CaseId = caseId;
        FromState = fromState;
        ToState = toState;
        Reason = reason;
        Details = details;
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>A short verb phrase: "StateChanged", "NotesRead", "UserDisabled", ...</summary>
    public string Action { get; private set; }

    public int? CaseId { get; private set; }

    public string? FromState { get; private set; }

    public string? ToState { get; private set; }

    public string? Reason { get; private set; }

    public string? Details { get; private set; }
}
