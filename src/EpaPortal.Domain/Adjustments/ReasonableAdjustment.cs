using EpaPortal.Domain.Access;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Adjustments;

/// <summary>The kinds of reasonable adjustment the register records (the list the request form offers).</summary>
public enum AdjustmentType
{
    ExtraTime,
    RestBreaks,
    AssistiveTechnology,
    ReaderOrScribe,
    AlternativeFormat,
    SeparateRoom,
    Other,
}

public enum AdjustmentStatus
{
    Requested,
    Approved,
    Refused,
}

/// <summary>
/// One reasonable adjustment of a case (issue 18, item 6): requested by the employer or an admin, approved or
/// refused by an admin with a reason, editable later. An approved adjustment may lengthen the project window
/// (working days) and the interview (minutes); the timing rules then use the adjusted values
/// (<see cref="ScheduleAdjustment"/>). The details and the evidence are for admins and the requester; the
/// assessor and quality assurer see the type and the effect.
/// </summary>
public class ReasonableAdjustment : IVersioned
{
    public const int MaxExtraProjectWorkingDays = 10;
    public const int MaxExtraInterviewMinutes = 120;
    public const int MaxDetailsLength = 2000;
    public const int MaxSummaryLength = 200;

    private ReasonableAdjustment()
    {
        Details = string.Empty;
        RequestedById = string.Empty;
    }

    public ReasonableAdjustment(int caseId, AdjustmentType type, string details, int extraProjectWorkingDays, int extraInterviewMinutes, string requestedById, DateTimeOffset requestedAt)
    {
        CaseId = caseId;
        Type = type;
        Details = details.Trim();
        ExtraProjectWorkingDays = extraProjectWorkingDays;
        ExtraInterviewMinutes = extraInterviewMinutes;
        RequestedById = requestedById;
        RequestedAt = requestedAt;
        Status = AdjustmentStatus.Requested;
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public AdjustmentType Type { get; private set; }

    /// <summary>What is asked for and why (for admins and the requester only).</summary>
    public string Details { get; private set; }

    /// <summary>The evidence file (a <c>StoredFile</c>), for admins and the requester only.</summary>
    public Guid? EvidenceFileId { get; private set; }

    public int ExtraProjectWorkingDays { get; private set; }

    public int ExtraInterviewMinutes { get; private set; }

    public string RequestedById { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public AdjustmentStatus Status { get; private set; }

    public string? DecisionReason { get; private set; }

    public string? DecidedById { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>
    /// What the assessor needs to know to apply the adjustment, in a line an admin writes (no medical details):
    /// shown with the type and effect to the allocated assessor and quality assurance.
    /// </summary>
    public string? Summary { get; private set; }

    /// <summary>Why an admin last amended the approved adjustment (the audit log keeps every amendment).</summary>
    public string? AmendmentReason { get; private set; }

    public string? AmendedById { get; private set; }

    public DateTimeOffset? AmendedAt { get; private set; }

    public Guid Version { get; set; }

    /// <summary>The problems of a request or an edit (empty when it may be saved).</summary>
    public static IReadOnlyList<string> Validate(string? details, int extraProjectWorkingDays, int extraInterviewMinutes)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(details))
        {
            problems.Add("Describe the adjustment and why it is needed.");
        }
        else if (details.Trim().Length > MaxDetailsLength)
        {
            problems.Add($"The details can be at most {MaxDetailsLength} characters.");
        }

        if (extraProjectWorkingDays is < 0 or > MaxExtraProjectWorkingDays)
        {
            problems.Add($"Extra project time is from 0 to {MaxExtraProjectWorkingDays} working days.");
        }

        if (extraInterviewMinutes is < 0 or > MaxExtraInterviewMinutes)
        {
            problems.Add($"Extra interview time is from 0 to {MaxExtraInterviewMinutes} minutes.");
        }

        return problems;
    }

    /// <summary>Attaches (or replaces) the evidence file; the earlier file stays stored as part of the record.</summary>
    public void AttachEvidence(Guid storedFileId) => EvidenceFileId = storedFileId;

    /// <summary>
    /// Changes a request that is still awaiting a decision (the requester or an admin, see
    /// <see cref="AdjustmentAccess.ChangeOf"/>). A decided adjustment is changed only by an admin's <see cref="Amend"/>.
    /// </summary>
    public void EditRequest(AdjustmentType type, string details, int extraProjectWorkingDays, int extraInterviewMinutes)
    {
        if (Status != AdjustmentStatus.Requested)
        {
            throw new InvalidOperationException("Only a request awaiting a decision can be edited; an approved adjustment is amended by an admin.");
        }

        Type = type;
        Details = details.Trim();
        ExtraProjectWorkingDays = extraProjectWorkingDays;
        ExtraInterviewMinutes = extraInterviewMinutes;
    }

    /// <summary>
    /// An admin amends an approved adjustment, always with a reason: it stays approved, and the timing rules use
    /// the new values from the next schedule they check (dates already set do not move by themselves).
    /// </summary>
    public void Amend(AdjustmentType type, string details, int extraProjectWorkingDays, int extraInterviewMinutes, string? summary, string reason, string adminId, DateTimeOffset at)
    {
        if (Status != AdjustmentStatus.Approved)
        {
            throw new InvalidOperationException("Only an approved adjustment can be amended.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("An amendment needs its reason.", nameof(reason));
        }

        Type = type;
        Details = details.Trim();
        ExtraProjectWorkingDays = extraProjectWorkingDays;
        ExtraInterviewMinutes = extraInterviewMinutes;
        Summary = CleanSummary(summary);
        AmendmentReason = reason.Trim();
        AmendedById = adminId;
        AmendedAt = at;
    }

    /// <summary>An admin approves or refuses the adjustment, always with a reason.</summary>
    public void Decide(bool approve, string reason, string adminId, DateTimeOffset at, string? summary = null)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A decision needs its reason.", nameof(reason));
        }

        Status = approve ? AdjustmentStatus.Approved : AdjustmentStatus.Refused;
        DecisionReason = reason.Trim();
        DecidedById = adminId;
        DecidedAt = at;
        if (summary is not null)
        {
            Summary = CleanSummary(summary);
        }
    }

    private static string? CleanSummary(string? summary) => string.IsNullOrWhiteSpace(summary) ? null : summary.Trim();

    /// <summary>What the adjustment changes, in words (what the assessor and quality assurer see).</summary>
    public string Effect => Describe(ExtraProjectWorkingDays, ExtraInterviewMinutes);

    public static string Describe(int extraProjectWorkingDays, int extraInterviewMinutes)
    {
        var parts = new List<string>();
        if (extraProjectWorkingDays > 0)
        {
            parts.Add($"project window {extraProjectWorkingDays} working day{(extraProjectWorkingDays == 1 ? string.Empty : "s")} longer");
        }

        if (extraInterviewMinutes > 0)
        {
            parts.Add($"interview {extraInterviewMinutes} minutes longer");
        }

        return parts.Count == 0 ? "No change to the timings" : char.ToUpperInvariant(parts[0][0]) + string.Join("; ", parts)[1..];
    }

    public static string TypeName(AdjustmentType type) => type switch
    {
        AdjustmentType.ExtraTime => "Extra time",
        AdjustmentType.RestBreaks => "Rest breaks",
        AdjustmentType.AssistiveTechnology => "Assistive technology",
        AdjustmentType.ReaderOrScribe => "Reader or scribe",
        AdjustmentType.AlternativeFormat => "Alternative format of materials",
        AdjustmentType.SeparateRoom => "Separate or quiet room",
        _ => "Other",
    };
}

/// <summary>
/// The timings a case's approved adjustments add to the plan's (issue 18, item 6): the sum of the approved
/// adjustments' extra project days and interview minutes. <see cref="Apply"/> gives the settings the timing
/// rules check the schedule against.
/// </summary>
public sealed record ScheduleAdjustment(int ExtraProjectWorkingDays, int ExtraInterviewMinutes)
{
    public static ScheduleAdjustment None { get; } = new(0, 0);

    public bool IsNone => ExtraProjectWorkingDays == 0 && ExtraInterviewMinutes == 0;

    public static ScheduleAdjustment From(IEnumerable<ReasonableAdjustment> adjustments)
    {
        var approved = adjustments.Where(a => a.Status == AdjustmentStatus.Approved).ToList();
        return new ScheduleAdjustment(approved.Sum(a => a.ExtraProjectWorkingDays), approved.Sum(a => a.ExtraInterviewMinutes));
    }

    /// <summary>The standard version's settings with the adjusted project window and interview length (a copy).</summary>
    public StandardSettings Apply(StandardSettings settings)
    {
        if (IsNone)
        {
            return settings;
        }

        return new StandardSettings
        {
            InterviewMinutes = settings.InterviewMinutes + ExtraInterviewMinutes,
            MaxInterviewMinutes = settings.MaxInterviewMinutes + ExtraInterviewMinutes,
            MinInterviewMinutes = settings.MinInterviewMinutes + ExtraInterviewMinutes,
            ProjectWindowWorkingDays = settings.ProjectWindowWorkingDays + ExtraProjectWorkingDays,
            ProjectNoticeWorkingDays = settings.ProjectNoticeWorkingDays,
            InterviewNoticeWorkingDays = settings.InterviewNoticeWorkingDays,
            EpaPeriodMonths = settings.EpaPeriodMonths,
            PortfolioMinItems = settings.PortfolioMinItems,
            PortfolioMaxItems = settings.PortfolioMaxItems,
            AppealWindowWorkingDays = settings.AppealWindowWorkingDays,
            MinimumMonthsOnProgramme = settings.MinimumMonthsOnProgramme,
            ResitGradeCap = settings.ResitGradeCap,
            AssessmentLabel = settings.AssessmentLabel,
            GatewayLabel = settings.GatewayLabel,
        };
    }
}

/// <summary>How an adjustment may be changed by someone: not at all, as a request, or amended after approval.</summary>
public enum AdjustmentChange
{
    None,
    EditRequest,
    Amend,
}

/// <summary>
/// Who sees and changes what of an adjustment: the evidence (and the details) only admins and the requester;
/// a request awaiting a decision is edited by its requester or an admin; an approved adjustment is amended by
/// an admin only (with a reason); a refused one is changed by deciding it again.
/// </summary>
public static class AdjustmentAccess
{
    public static bool SeesEvidence(CaseRelation relation, string? userId, ReasonableAdjustment adjustment) =>
        relation.HasFlag(CaseRelation.Admin) || (!string.IsNullOrEmpty(userId) && adjustment.RequestedById == userId);

    public static AdjustmentChange ChangeOf(CaseRelation relation, string? userId, ReasonableAdjustment adjustment)
    {
        var admin = relation.HasFlag(CaseRelation.Admin);
        return adjustment.Status switch
        {
            AdjustmentStatus.Requested when admin || (!string.IsNullOrEmpty(userId) && adjustment.RequestedById == userId) => AdjustmentChange.EditRequest,
            AdjustmentStatus.Approved when admin => AdjustmentChange.Amend,
            _ => AdjustmentChange.None,
        };
    }
}
