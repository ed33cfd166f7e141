using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Standards;

/// <summary>Per-version settings that the assessment plan leaves open (domain.md section 3).</summary>
public class StandardSettings
{
    public const int MaxInterviewMinutesAllowed = 120;

    public int InterviewMinutes { get; set; } = 60;

    public int MaxInterviewMinutes { get; set; } = MaxInterviewMinutesAllowed;

    public int ProjectWindowWorkingDays { get; set; } = 5;

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
