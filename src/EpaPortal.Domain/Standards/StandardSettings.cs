using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Standards;

/// <summary>Per-version settings that the assessment plan leaves open (domain.md section 3).</summary>
public class StandardSettings
{
    public const int MaxInterviewMinutesAllowed = 120;

    public int InterviewMinutes { get; set; } = 60;

    public int MaxInterviewMinutes { get; set; } = MaxInterviewMinutesAllowed;

    /// <summary>The shortest interview the plan allows (the timing rules refuse a shorter booking).</summary>
    public int MinInterviewMinutes { get; set; } = 45;

    /// <summary>The synoptic project runs over one working week: this many consecutive working days.</summary>
    public int ProjectWindowWorkingDays { get; set; } = 5;

    /// <summary>Working days' notice the apprentice gets before the project window opens.</summary>
    public int ProjectNoticeWorkingDays { get; set; } = 5;

    /// <summary>Working days' notice the apprentice gets before the interview.</summary>
    public int InterviewNoticeWorkingDays { get; set; } = 5;

    /// <summary>The EPA should finish (result released) within this many months of the gateway approval.</summary>
    public int EpaPeriodMonths { get; set; } = 3;

    public int? PortfolioMinItems { get; set; }

    public int? PortfolioMaxItems { get; set; }

    public int AppealWindowWorkingDays { get; set; } = 20;

    public int MinimumMonthsOnProgramme { get; set; } = 12;

    /// <summary>The highest grade a re-sit or re-take can receive; null means no cap.</summary>
    public Grade? ResitGradeCap { get; set; }

    /// <summary>Display label for the end-point assessment (DfE renamed it in Aug 2025).</summary>
    public string AssessmentLabel { get; set; } = "End-point assessment";

    /// <summary>Display label for the gateway.</summary>
    public string GatewayLabel { get; set; } = "Gateway";
}
