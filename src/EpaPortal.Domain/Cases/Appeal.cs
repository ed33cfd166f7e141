namespace EpaPortal.Domain.Cases;

public enum AppealOutcome
{
    Pending,
    Upheld,
    Rejected,
}

/// <summary>An appeal against a released result, lodged within the appeal window with grounds.</summary>
public class Appeal
{
    private Appeal()
    {
        LodgedById = Grounds = string.Empty;
    }

    public Appeal(int caseId, int attempt, string lodgedById, string grounds, DateTimeOffset lodgedAt)
    {
        CaseId = caseId;
        Attempt = attempt;
        LodgedById = lodgedById;
        Grounds = grounds;
        LodgedAt = lodgedAt;
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public int Attempt { get; private set; }

    public string LodgedById { get; private set; }

    public string Grounds { get; private set; }

    public DateTimeOffset LodgedAt { get; private set; }

    /// <summary>A reviewer who had no part in the case.</summary>
    public string? ReviewerId { get; set; }

    public AppealOutcome Outcome { get; private set; }

    public string? DecisionReason { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public void Decide(AppealOutcome outcome, string reason, DateTimeOffset at)
    {
        if (Outcome != AppealOutcome.Pending)
        {
            throw new InvalidOperationException("This appeal has already been decided.");
        }

        Outcome = outcome;
        DecisionReason = reason;
        DecidedAt = at;
    }
}
