using System.Globalization;
using EpaPortal.Domain.Cases;

namespace EpaPortal.Domain.Common;

/// <summary>The business's words for enum values, used in messages the domain writes for users.</summary>
public static class DisplayNames
{
    public static string Of(CaseState state) => state switch
    {
        CaseState.Registered => "Registered",
        CaseState.GatewaySubmitted => "Gateway submitted",
        CaseState.GatewayRejected => "Gateway rejected",
        CaseState.GatewayApproved => "Gateway approved",
        CaseState.ProjectScheduled => "Project scheduled",
        CaseState.ProjectInProgress => "Project in progress",
        CaseState.ProjectSubmitted => "Project submitted",
        CaseState.PreInterviewReview => "Pre-interview review",
        CaseState.InterviewScheduled => "Interview scheduled",
        CaseState.InterviewCompleted => "Interview completed",
        CaseState.Graded => "Graded",
        CaseState.IqaApproved => "Quality assured",
        CaseState.ResultReleased => "Result released",
        CaseState.CertificateRequested => "Certificate requested",
        CaseState.FailRecorded => "Fail recorded",
        CaseState.ResitPlanned => "Re-sit planned",
        CaseState.RetakePlanned => "Re-take planned",
        CaseState.AppealLodged => "Appeal lodged",
        CaseState.AppealUpheld => "Appeal upheld",
        CaseState.AppealRejected => "Appeal rejected",
        CaseState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };

    public static string Of(AssessmentMethod method) => method switch
    {
        AssessmentMethod.Portfolio => "portfolio",
        AssessmentMethod.Project => "synoptic project",
        AssessmentMethod.EmployerReference => "employer reference",
        AssessmentMethod.Interview => "interview",
        _ => method.ToString(),
    };

    public static string Of(GatewayItem item) => item switch
    {
        GatewayItem.KnowledgeModules => "Knowledge modules",
        GatewayItem.EnglishAndMaths => "English and maths",
        GatewayItem.TimeOnProgramme => "Time on programme",
        GatewayItem.PortfolioAndReference => "Portfolio and employer reference",
        GatewayItem.Readiness => "Readiness declaration",
        GatewayItem.CertificateConsent => "Certificate consent",
        _ => item.ToString(),
    };

    public static string Of(AttemptKind kind) => kind switch
    {
        AttemptKind.First => "first attempt",
        AttemptKind.Resit => "re-sit",
        AttemptKind.Retake => "re-take",
        _ => kind.ToString(),
    };

    /// <summary>"3 March 2027", the same on every server culture.</summary>
    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"3 March 2027 at 09:00", in the offset the moment carries.</summary>
    public static string Moment(DateTimeOffset at) => at.ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
