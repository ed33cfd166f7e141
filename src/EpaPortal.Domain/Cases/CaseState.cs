namespace EpaPortal.Domain.Cases;

/// <summary>Every state of a case (domain.md section 5).</summary>
public enum CaseState
{
    Registered,
    GatewaySubmitted,
    GatewayRejected,
    GatewayApproved,
    ProjectScheduled,
    ProjectInProgress,
    ProjectSubmitted,
    PreInterviewReview,
    InterviewScheduled,
    InterviewCompleted,
    Graded,
    IqaApproved,
    ResultReleased,
    CertificateRequested,
    FailRecorded,
    ResitPlanned,
    RetakePlanned,
    AppealLodged,
    AppealUpheld,
    AppealRejected,
    Withdrawn,
}
