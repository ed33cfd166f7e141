using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Assessment;

/// <summary>
/// The synoptic project of one attempt: the brief (hidden from apprentice and employer until the window
/// opens), the window, any extension granted, and the apprentice's submission.
/// </summary>
public class ProjectSubmission : IVersioned
{
    private ProjectSubmission()
    {
        BriefTitle = BriefText = string.Empty;
    }

    public ProjectSubmission(int caseId, int attempt, string briefTitle, string briefText, DateTimeOffset windowOpensAt, DateTimeOffset windowClosesAt)
    {
        CaseId = caseId;
        Attempt = attempt;
        BriefTitle = briefTitle;
        BriefText = briefText;
        WindowOpensAt = windowOpensAt;
        WindowClosesAt = windowClosesAt;
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public int Attempt { get; private set; }

    public string BriefTitle { get; set; }

    public string BriefText { get; set; }

    public DateTimeOffset WindowOpensAt { get; set; }

    public DateTimeOffset WindowClosesAt { get; set; }

    /// <summary>Special consideration: uploads allowed until this time.</summary>
    public DateTimeOffset? ExtendedUntil { get; private set; }

    public string? ExtensionReason { get; private set; }

    public string? ExtensionGrantedById { get; private set; }

    public string? Summary { get; set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public Guid Version { get; set; }

    /// <summary>An admin scheduled this against the plan's timing rules: the recorded reason (shown to QA).</summary>
    public string? ScheduleOverrideReason { get; private set; }

    public string? ScheduleOverriddenById { get; private set; }

    /// <summary>Records (or, with a null reason, clears) an admin's override of the timing rules.</summary>
    public void RecordScheduleOverride(string? reason, string? adminId)
    {
        ScheduleOverrideReason = reason;
        ScheduleOverriddenById = reason is null ? null : adminId;
    }

    /// <summary>The moment after which uploads are refused.</summary>
    public DateTimeOffset EffectiveClose => ExtendedUntil is { } extended && extended > WindowClosesAt ? extended : WindowClosesAt;

    public bool IsOpenAt(DateTimeOffset now) => SubmittedAt is null && now >= WindowOpensAt && now < EffectiveClose;

    public bool IsBriefVisibleAt(DateTimeOffset now) => now >= WindowOpensAt;

    public void GrantExtension(DateTimeOffset until, string reason, string grantedById)
    {
        ExtendedUntil = until;
        ExtensionReason = reason;
        ExtensionGrantedById = grantedById;
    }

    public void MarkSubmitted(DateTimeOffset at) => SubmittedAt = at;
}
