using EpaPortal.Domain.Auditing;

namespace EpaPortal.Domain.Cases;

/// <summary>
/// The result of asking the case workflow to do something: either done, with the audit record to write
/// in the same transaction, or refused, with every broken rule as a sentence a user understands (and the
/// case left untouched).
/// </summary>
public sealed class CaseOutcome
{
    private CaseOutcome(EpaCase? epaCase, CaseAuditRecord? audit, IReadOnlyList<string> problems)
    {
        Case = epaCase;
        Audit = audit;
        Problems = problems;
    }

    public bool Succeeded => Audit is not null;

    /// <summary>The case acted on (the new case for a registration); null when refused.</summary>
    public EpaCase? Case { get; }

    public CaseAuditRecord? Audit { get; }

    public IReadOnlyList<string> Problems { get; }

    public static CaseOutcome Done(EpaCase epaCase, CaseAuditRecord audit) => new(epaCase, audit, []);

    public static CaseOutcome Refused(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A refusal names at least one broken rule.", nameof(problems));
        }

        return new(null, null, list);
    }

    public static CaseOutcome Refused(string problem) => Refused([problem]);

    public override string ToString() => Succeeded ? $"Done: {Audit}" : $"Refused: {string.Join(" ", Problems)}";
}

/// <summary>Who did what to which case and when: one line of the append-only audit log.</summary>
public sealed record CaseAuditRecord(
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    string Action,
    int CaseId,
    CaseState From,
    CaseState To,
    string? Reason,
    string? Details)
{
    /// <summary>For a new case use <c>record with { CaseId = savedCase.Id }</c> once it has been saved.</summary>
    public AuditEntry ToAuditEntry() => new(At, ActorId, ActorName, Action, CaseId, From.ToString(), To.ToString(), Reason, Details);
}

/// <summary>The <see cref="AuditEntry.Action"/> values the case workflow writes.</summary>
public static class CaseActions
{
    public const string Registered = "CaseRegistered";
    public const string StateChanged = "StateChanged";
    public const string PutOnHold = "CasePutOnHold";
    public const string Resumed = "CaseResumed";
    public const string AssessorAllocated = "AssessorAllocated";
    public const string PortfolioSubmitted = "PortfolioSubmitted";
    public const string PortfolioConfirmed = "PortfolioConfirmed";
    public const string PortfolioReturned = "PortfolioReturned";
    public const string GatewayReviewKept = "GatewayReviewKept";
    public const string ProjectExtensionGranted = "ProjectExtensionGranted";
    public const string GatewayCoSigned = "GatewayCoSigned";
    public const string NextAttemptAgreed = "NextAttemptAgreed";
    public const string SupportiveActionPlanAttached = "SupportiveActionPlanAttached";
}
