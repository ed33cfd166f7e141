using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;

namespace EpaPortal.Domain.Access;

/// <summary>What of a case a viewer may see (domain.md section 6). Every page, download, export, e-mail
/// and JSON endpoint asks <see cref="CaseVisibility"/>; none re-implements the rule.</summary>
public sealed record CaseView(
    bool Case,
    bool ProjectBrief,
    bool AssessorNotes,
    bool Result,
    bool EmployerReference,
    bool EvidenceFiles,
    bool InterviewBooking)
{
    public static CaseView Nothing { get; } = new(false, false, false, false, false, false, false);

    public static CaseView Everything { get; } = new(true, true, true, true, true, true, true);
}

/// <summary>The facts about a case that change what its apprentice and employer may see.</summary>
/// <param name="State">The case's state.</param>
/// <param name="ProjectWindowOpened">The current attempt's project window has opened.</param>
/// <param name="ReferenceSubmitted">The employer reference has been submitted.</param>
/// <param name="ResultReleased">The result being shown has been released.</param>
public sealed record VisibilityContext(CaseState State, bool ProjectWindowOpened, bool ReferenceSubmitted, bool ResultReleased)
{
    /// <summary>Builds the context for the case's current attempt.</summary>
    public static VisibilityContext Of(EpaCase epaCase, ProjectSubmission? project, EmployerReference? reference, DateTimeOffset now) =>
        new(
            epaCase.State,
            project is not null && project.IsBriefVisibleAt(now),
            reference?.Status == ReferenceStatus.Submitted,
            epaCase.ResultReleasedAt is not null);
}

public static class CaseVisibility
{
    /// <summary>States in which the current attempt's interview has been booked and announced.</summary>
    private static readonly HashSet<CaseState> InterviewAnnounced =
    [
        CaseState.InterviewScheduled,
        CaseState.InterviewCompleted,
        CaseState.Graded,
        CaseState.IqaApproved,
        CaseState.ResultReleased,
        CaseState.CertificateRequested,
        CaseState.FailRecorded,
        CaseState.AppealLodged,
        CaseState.AppealUpheld,
        CaseState.AppealRejected,
    ];

    public static CaseView For(Actor viewer, EpaCase epaCase, CaseParties parties, VisibilityContext context) =>
        For(CaseRelations.Of(viewer, epaCase, parties), context);

    public static CaseView For(CaseRelation relation, VisibilityContext context)
    {
        // The apprentice's, employer's and provider's limits win over anything else the relation carries: the
        // assessor's notes are never theirs to see, whatever the state.
        if (relation.HasFlag(CaseRelation.Apprentice))
        {
            return new CaseView(
                Case: true,
                ProjectBrief: context.ProjectWindowOpened,
                AssessorNotes: false,
                Result: context.ResultReleased,
                EmployerReference: context.ReferenceSubmitted,
                EvidenceFiles: true,
                InterviewBooking: InterviewAnnounced.Contains(context.State));
        }

        if (relation.HasFlag(CaseRelation.Employer))
        {
            return new CaseView(
                Case: true,
                ProjectBrief: context.ProjectWindowOpened,
                AssessorNotes: false,
                Result: context.ResultReleased,
                EmployerReference: true,
                EvidenceFiles: true,
                InterviewBooking: InterviewAnnounced.Contains(context.State));
        }

        if (relation.HasFlag(CaseRelation.Provider))
        {
            // The training provider follows its apprentice's progress and reads the portfolio (never changes it);
            // like the employer it never sees the assessor's notes or a grade before release.
            return new CaseView(
                Case: true,
                ProjectBrief: context.ProjectWindowOpened,
                AssessorNotes: false,
                Result: context.ResultReleased,
                EmployerReference: context.ReferenceSubmitted,
                EvidenceFiles: true,
                InterviewBooking: InterviewAnnounced.Contains(context.State));
        }

        if (relation.HasFlag(CaseRelation.OrganisationClient))
        {
            // An organisation's system sees the registration's progress and the released result; never the
            // brief, the reference, the evidence files or anything of the assessment before release.
            return new CaseView(
                Case: true,
                ProjectBrief: false,
                AssessorNotes: false,
                Result: context.ResultReleased,
                EmployerReference: false,
                EvidenceFiles: false,
                InterviewBooking: InterviewAnnounced.Contains(context.State));
        }

        return relation.IsStaff() ? CaseView.Everything : CaseView.Nothing;
    }

    /// <summary>Whether the viewer may see one grade decision (of any attempt) with its judgements and feedback.</summary>
    public static bool CanSeeGradeDecision(CaseRelation relation, GradeDecision decision) =>
        relation.IsParty() ? decision.ReleasedAt is not null : relation.IsStaff();
}
