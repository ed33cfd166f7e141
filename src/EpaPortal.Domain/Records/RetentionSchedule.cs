namespace EpaPortal.Domain.Records;

/// <summary>The kinds of data the retention schedule sets a period for (docs/privacy.md lists what each holds).</summary>
public enum DataClass
{
    /// <summary>Portfolio evidence and the gateway's certificate files: the bytes, and the items' titles and descriptions.</summary>
    EvidenceFiles,

    /// <summary>The synoptic project's deliverables and the apprentice's summary.</summary>
    ProjectFiles,

    /// <summary>The assessor's confidential notes: initial conclusions, their comments and the questions to explore.</summary>
    Notes,

    /// <summary>The interview record: what was asked, the answers, the evidence noted, the place and any reschedule reasons.</summary>
    InterviewRecords,

    /// <summary>The words of the assessment record: judgement rationales, feedback, override justifications, the employer
    /// reference's narratives and referee, appeal grounds, the case's messages. Grades, levels, dates and outcomes are kept.</summary>
    AssessmentWords,

    /// <summary>The audit log (removed oldest first; the chain keeps the last removed entry's hash).</summary>
    Audit,

    /// <summary>Sign-in accounts and apprentice records of people with no open case (anonymised, never deleted).</summary>
    Accounts,

    /// <summary>E-mails the outbox sent or gave up on.</summary>
    Outbox,
}

/// <summary>The event a retention period is counted from.</summary>
public enum RetentionEvent
{
    /// <summary>The case's result was released (a case closed without a result counts from its closing).</summary>
    ResultReleased,

    /// <summary>The case closed: certificate requested, fail recorded, appeal rejected, or withdrawn.</summary>
    CaseClosed,

    /// <summary>The audit entry was written.</summary>
    EntryWritten,

    /// <summary>The person's last activity: sign-in, action, or the close of their last case.</summary>
    LastActivity,

    /// <summary>The e-mail was sent (or given up).</summary>
    MessageSent,
}

/// <summary>One line of the schedule: keep <see cref="DataClass"/> for <see cref="Months"/> after <see cref="CountedFrom"/>.</summary>
public sealed record RetentionRule(DataClass DataClass, int Months, RetentionEvent CountedFrom)
{
    public const int MinMonths = 1;
    public const int MaxMonths = 1200;

    /// <summary>When data whose event happened at <paramref name="eventAt"/> expires.</summary>
    public DateTimeOffset ExpiresAt(DateTimeOffset eventAt) => eventAt.AddMonths(Months);

    /// <summary>The newest event time that has expired at <paramref name="now"/> (data whose event is at or before it is due).</summary>
    public DateTimeOffset Cutoff(DateTimeOffset now) => now.AddMonths(-Months);
}

/// <summary>
/// The retention schedule: the defaults (justified in docs/privacy.md) overlaid with what admins set.
/// Domain.md section 10: evidence, judgements and decisions are kept 3 years after the result.
/// </summary>
public static class RetentionSchedule
{
    public static IReadOnlyList<RetentionRule> Defaults { get; } =
    [
        new(DataClass.EvidenceFiles, 36, RetentionEvent.ResultReleased),
        new(DataClass.ProjectFiles, 36, RetentionEvent.ResultReleased),
        new(DataClass.Notes, 36, RetentionEvent.ResultReleased),
        new(DataClass.InterviewRecords, 36, RetentionEvent.ResultReleased),
        new(DataClass.AssessmentWords, 36, RetentionEvent.ResultReleased),
        new(DataClass.Audit, 72, RetentionEvent.EntryWritten),
        new(DataClass.Accounts, 72, RetentionEvent.LastActivity),
        new(DataClass.Outbox, 3, RetentionEvent.MessageSent),
    ];

    /// <summary>The events an admin may count a class from.</summary>
    public static IReadOnlyList<RetentionEvent> EventsFor(DataClass dataClass) => dataClass switch
    {
        DataClass.Audit => [RetentionEvent.EntryWritten],
        DataClass.Accounts => [RetentionEvent.LastActivity],
        DataClass.Outbox => [RetentionEvent.MessageSent],
        _ => [RetentionEvent.ResultReleased, RetentionEvent.CaseClosed],
    };

    /// <summary>The defaults with <paramref name="set"/> (what admins changed) in their place; a rule with an event the class cannot use is refused.</summary>
    public static IReadOnlyList<RetentionRule> Effective(IEnumerable<RetentionRule> set)
    {
        var chosen = set.ToDictionary(r => r.DataClass);
        return Defaults.Select(d => chosen.TryGetValue(d.DataClass, out var rule) && Problem(rule) is null ? rule : d).ToList();
    }

    public static RetentionRule For(IReadOnlyList<RetentionRule> schedule, DataClass dataClass) => schedule.Single(r => r.DataClass == dataClass);

    /// <summary>Why the rule cannot be used, in words; null when it can.</summary>
    public static string? Problem(RetentionRule rule) =>
        rule.Months is < RetentionRule.MinMonths or > RetentionRule.MaxMonths
            ? $"Enter a period between {RetentionRule.MinMonths} and {RetentionRule.MaxMonths} months."
            : !EventsFor(rule.DataClass).Contains(rule.CountedFrom)
                ? $"{Describe(rule.DataClass)} cannot be counted from {Describe(rule.CountedFrom)}."
                : null;

    public static string Describe(DataClass dataClass) => dataClass switch
    {
        DataClass.EvidenceFiles => "Evidence files",
        DataClass.ProjectFiles => "Project files",
        DataClass.Notes => "Assessor's notes",
        DataClass.InterviewRecords => "Interview records",
        DataClass.AssessmentWords => "Judgement and reference wording",
        DataClass.Audit => "Audit log",
        DataClass.Accounts => "Accounts of people with no open case",
        DataClass.Outbox => "Sent e-mails",
        _ => dataClass.ToString(),
    };

    public static string Describe(RetentionEvent counted) => counted switch
    {
        RetentionEvent.ResultReleased => "the result",
        RetentionEvent.CaseClosed => "the case closing",
        RetentionEvent.EntryWritten => "the entry being written",
        RetentionEvent.LastActivity => "the person's last activity",
        RetentionEvent.MessageSent => "the e-mail being sent",
        _ => counted.ToString(),
    };

    /// <summary>What happens to the class when it expires, in words.</summary>
    public static string Action(DataClass dataClass) => dataClass switch
    {
        DataClass.EvidenceFiles or DataClass.ProjectFiles => "files deleted; the record that they existed (size, SHA-256) is kept, their names and descriptions are blanked",
        DataClass.Notes or DataClass.InterviewRecords or DataClass.AssessmentWords => "text replaced by a note that it was removed; levels, grades, dates and outcomes are kept",
        DataClass.Audit => "oldest entries deleted; the chain keeps the last deleted entry's hash",
        DataClass.Accounts => "anonymised: names, e-mail, phone, address and ULN replaced, sign-in removed; the assessment record keeps its grade",
        DataClass.Outbox => "deleted",
        _ => string.Empty,
    };
}
