namespace EpaPortal.Domain.Access;

/// <summary>
/// What someone asks to do with one case. Every page and form about a case names one operation, and
/// <see cref="CasePermissions"/> alone decides who may: the web layer asks it through ASP.NET Core's
/// resource-based authorization, never with its own checks.
/// </summary>
public enum CaseOperation
{
    /// <summary>See that the case exists and its page (everyone related to it).</summary>
    Read,

    /// <summary>Open the portfolio and download or preview the case's files.</summary>
    ReadEvidence,

    /// <summary>See the grade, the judgements and the feedback (staff always; the apprentice and employer after release).</summary>
    ReadResult,

    /// <summary>Read the assessment: the assessor's confidential notes, questions, interview record and judgement (staff).</summary>
    ReadAssessment,

    /// <summary>Change the assessment: start the review, write the notes, record the interview, judge (the allocated assessor).</summary>
    Assess,

    /// <summary>Arrange the assessment: set the project brief and window, book or move the interview (the allocated assessor or an admin).</summary>
    ArrangeAssessment,

    /// <summary>Check a graded case for quality assurance (a quality assurer who is not its assessor).</summary>
    ReviewQuality,

    /// <summary>Run the case as the assessment organisation: allocation, gateway check, holds, results, appeals (an admin).</summary>
    Administer,

    /// <summary>Act as the case's own apprentice: portfolio, project, appeal.</summary>
    ActAsApprentice,

    /// <summary>Act as the apprentice's employer: portfolio confirmation, reference, gateway, appeal.</summary>
    ActAsEmployer,

    /// <summary>See the case's reasonable adjustments (their type and effect): the employer, the allocated assessor, quality assurers, admins.</summary>
    ReadAdjustments,

    /// <summary>Request (and edit the request of) a reasonable adjustment: the apprentice's employer or an admin.</summary>
    RequestAdjustment,

    /// <summary>Act as the apprentice's training provider: co-sign the gateway, follow the case (issue 19).</summary>
    ActAsProvider,

    /// <summary>Read and send the case's messages (issue 25, item 5): the parties and admins every message, the allocated
    /// assessor scheduling messages only (<see cref="Messaging.CaseMessaging"/> decides which).</summary>
    Message,
}

/// <summary>
/// Who may do what with a case, from their relation to it (<see cref="CaseRelations"/>) and what of it they
/// may see (<see cref="CaseVisibility"/>): the one access rule (docs/roles-and-permissions.md is this table in words).
/// </summary>
public static class CasePermissions
{
    public static bool Allows(CaseOperation operation, CaseRelation relation, CaseView view) => operation switch
    {
        CaseOperation.Read => view.Case,
        CaseOperation.ReadEvidence => view.EvidenceFiles,
        CaseOperation.ReadResult => view.Result,
        CaseOperation.ReadAssessment => relation.IsStaff() && view.AssessorNotes,
        CaseOperation.Assess => relation.IsStaff() && relation.HasFlag(CaseRelation.AllocatedAssessor),
        CaseOperation.ArrangeAssessment => relation.IsStaff() && (relation & (CaseRelation.AllocatedAssessor | CaseRelation.Admin)) != 0,
        CaseOperation.ReviewQuality => relation.IsStaff() && relation.HasFlag(CaseRelation.QualityAssurer),
        CaseOperation.Administer => relation.IsStaff() && relation.HasFlag(CaseRelation.Admin),
        CaseOperation.ActAsApprentice => relation.HasFlag(CaseRelation.Apprentice),
        CaseOperation.ActAsEmployer => relation.HasFlag(CaseRelation.Employer),
        CaseOperation.ReadAdjustments => view.Case && (relation & (CaseRelation.Employer | CaseRelation.AllocatedAssessor | CaseRelation.QualityAssurer | CaseRelation.Admin)) != 0,
        CaseOperation.RequestAdjustment => view.Case && (relation & (CaseRelation.Employer | CaseRelation.Admin)) != 0,
        CaseOperation.ActAsProvider => relation.HasFlag(CaseRelation.Provider),
        CaseOperation.Message => Messaging.CaseMessaging.TakesPart(relation, view),
        _ => false,
    };

    /// <summary>
    /// What a refusal says: a case the person may not even see does not exist for them (404, so case numbers
    /// reveal nothing); a case they may see but not act on this way is forbidden (403).
    /// </summary>
    public static bool HidesTheCase(CaseView view) => !view.Case;
}
