using EpaPortal.Domain.Cases;

namespace EpaPortal.Domain.Records;

/// <summary>What the retention rules need to know about a case.</summary>
public sealed record CaseRetentionFacts(
    int CaseId,
    CaseState State,
    DateTimeOffset StateChangedAt,
    DateTimeOffset? ResultReleasedAt,
    DateTimeOffset? AppealDeadline,
    bool HasUndecidedAppeal,
    bool OnLegalHold,
    bool IsOnHold);

/// <summary>What the retention rules need to know about a person (an account, an apprentice record, or both).</summary>
public sealed record PersonRetentionFacts(
    string? UserId,
    int? ApprenticeId,
    bool HasOpenCase,
    bool HasCaseOnLegalHold,
    bool IsEnabledAdmin,
    bool AlreadyAnonymised,
    DateTimeOffset LastActivityAt);

/// <summary>Why something is kept (or that it is due).</summary>
public enum RetentionStatus
{
    Due,
    NotYetDue,
    LegalHold,
    AppealOpen,
    CaseOpen,
    OnHold,
    EnabledAdmin,
    AlreadyDone,
}

/// <summary>The rules' answer: due or kept, why, and from when it is (or will be) due.</summary>
public sealed record RetentionDecision(RetentionStatus Status, DateTimeOffset? DueAt)
{
    public bool IsDue => Status == RetentionStatus.Due;

    public static string Describe(RetentionStatus status) => status switch
    {
        RetentionStatus.Due => "due",
        RetentionStatus.NotYetDue => "not yet due",
        RetentionStatus.LegalHold => "kept: legal hold",
        RetentionStatus.AppealOpen => "kept: an appeal is open or may still be lodged",
        RetentionStatus.CaseOpen => "kept: the case is still open",
        RetentionStatus.OnHold => "kept: the case is on hold",
        RetentionStatus.EnabledAdmin => "kept: an enabled admin account",
        RetentionStatus.AlreadyDone => "already removed",
        _ => status.ToString(),
    };
}

/// <summary>
/// Decides, for one case or person and one rule of the schedule, whether the data is due for removal at a
/// given time. Nothing of a case under a legal hold, on hold, or with an appeal open (or its window still
/// open) is ever due; nothing of an open case is due; a person with an open case or a case on legal hold
/// keeps their account and record.
/// </summary>
public static class RetentionPolicy
{
    /// <summary>Final states for retention. A released result with its appeal window passed counts as closed too.</summary>
    public static readonly IReadOnlySet<CaseState> ClosedStates = new HashSet<CaseState>
    {
        CaseState.CertificateRequested, CaseState.FailRecorded, CaseState.AppealRejected, CaseState.Withdrawn,
    };

    /// <summary>When the case closed, or null while it is open.</summary>
    public static DateTimeOffset? ClosedAt(CaseRetentionFacts facts, DateTimeOffset now) =>
        ClosedStates.Contains(facts.State) ? facts.StateChangedAt
        : facts.State == CaseState.ResultReleased && facts.AppealDeadline is { } deadline && deadline <= now ? deadline
        : null;

    /// <summary>When <paramref name="counted"/> happened for the case, or null when it has not (yet).</summary>
    public static DateTimeOffset? EventAt(CaseRetentionFacts facts, RetentionEvent counted, DateTimeOffset now) => counted switch
    {
        RetentionEvent.ResultReleased => ClosedAt(facts, now) is { } closed ? facts.ResultReleasedAt ?? closed : null,
        RetentionEvent.CaseClosed => ClosedAt(facts, now),
        _ => throw new ArgumentOutOfRangeException(nameof(counted), counted, "A case's data counts from its result or its closing."),
    };

    public static RetentionDecision ForCase(RetentionRule rule, CaseRetentionFacts facts, DateTimeOffset now)
    {
        if (facts.OnLegalHold)
        {
            return new(RetentionStatus.LegalHold, null);
        }

        if (facts.IsOnHold)
        {
            return new(RetentionStatus.OnHold, null);
        }

        if (facts.HasUndecidedAppeal || facts.State is CaseState.AppealLodged or CaseState.AppealUpheld
            || (facts.State is CaseState.ResultReleased or CaseState.FailRecorded && facts.AppealDeadline is { } deadline && deadline > now))
        {
            return new(RetentionStatus.AppealOpen, null);
        }

        if (EventAt(facts, rule.CountedFrom, now) is not { } happened)
        {
            return new(RetentionStatus.CaseOpen, null);
        }

        var due = rule.ExpiresAt(happened);
        return new(due <= now ? RetentionStatus.Due : RetentionStatus.NotYetDue, due);
    }

    public static RetentionDecision ForPerson(RetentionRule rule, PersonRetentionFacts facts, DateTimeOffset now)
    {
        if (facts.AlreadyAnonymised)
        {
            return new(RetentionStatus.AlreadyDone, null);
        }

        if (facts.HasCaseOnLegalHold)
        {
            return new(RetentionStatus.LegalHold, null);
        }

        if (facts.HasOpenCase)
        {
            return new(RetentionStatus.CaseOpen, null);
        }

        var due = rule.ExpiresAt(facts.LastActivityAt);
        if (due > now)
        {
            return new(RetentionStatus.NotYetDue, due);
        }

        // The portal must keep someone who can run it: an enabled admin is disabled first, then anonymised.
        return facts.IsEnabledAdmin ? new(RetentionStatus.EnabledAdmin, due) : new(RetentionStatus.Due, due);
    }

    /// <summary>Data counted from a plain date (an audit entry, a sent e-mail).</summary>
    public static RetentionDecision ForDate(RetentionRule rule, DateTimeOffset happened, DateTimeOffset now)
    {
        var due = rule.ExpiresAt(happened);
        return new(due <= now ? RetentionStatus.Due : RetentionStatus.NotYetDue, due);
    }
}
