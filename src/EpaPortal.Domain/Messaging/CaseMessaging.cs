using EpaPortal.Domain.Access;

namespace EpaPortal.Domain.Messaging;

/// <summary>What a case message is about. Only <see cref="Scheduling"/> messages reach the allocated assessor.</summary>
public enum MessageTopic
{
    /// <summary>Anything about the end-point assessment: the apprentice, employer, training provider and the assessment organisation's admins.</summary>
    General,

    /// <summary>Arranging the assessment (dates, times, the interview's place or link): the allocated assessor reads and writes these too.</summary>
    Scheduling,
}

/// <summary>
/// Who takes part in a case's messages (issue 25, item 5; ADR 0031), from the actor's relation to the case
/// (<see cref="CaseRelations"/>) and what of the case they may see (<see cref="CaseVisibility"/>):
/// <list type="bullet">
/// <item>the apprentice, the employer, the training provider (when the case names one) and admins read every message and may post either topic;</item>
/// <item>the allocated assessor reads and posts <see cref="MessageTopic.Scheduling"/> messages only: the general
/// thread stays between the parties and the organisation, so the assessor's independence is not touched;</item>
/// <item>quality assurers (who are not admins), other assessors, API clients, the portal itself and unrelated people have no access:
/// messages are not evidence and quality assurance judges the assessment on its record.</item>
/// </list>
/// A person who holds several roles is judged by their relation to this case: a party relation wins
/// (<see cref="CaseRelations.Of(Actor, string?, CaseParties)"/>), and an admin reads everything whatever else they are.
/// </summary>
public static class CaseMessaging
{
    private const CaseRelation FullThread = CaseRelation.Apprentice | CaseRelation.Employer | CaseRelation.Provider | CaseRelation.Admin;

    /// <summary>Whether the actor takes part in the case's messages at all (the <see cref="CaseOperation.Message"/> operation).</summary>
    public static bool TakesPart(CaseRelation relation, CaseView view) =>
        view.Case && (SeesWholeThread(relation) || IsSchedulingOnly(relation));

    /// <summary>Whether the actor reads (and counts as unread) a message of <paramref name="topic"/>.</summary>
    public static bool MayRead(CaseRelation relation, CaseView view, MessageTopic topic) =>
        TakesPart(relation, view) && (SeesWholeThread(relation) || topic == MessageTopic.Scheduling);

    /// <summary>Whether the actor may post a message of <paramref name="topic"/> (the same people as <see cref="MayRead"/>).</summary>
    public static bool MayPost(CaseRelation relation, CaseView view, MessageTopic topic) => MayRead(relation, view, topic);

    /// <summary>The allocated assessor (and not an admin or a party to the case): scheduling messages only.</summary>
    public static bool IsSchedulingOnly(CaseRelation relation) =>
        !SeesWholeThread(relation) && relation.IsStaff() && relation.HasFlag(CaseRelation.AllocatedAssessor);

    /// <summary>The words shown beside an author's name (their part in the case, never their account's roles).</summary>
    public static string AuthorRole(CaseRelation relation) =>
        relation.HasFlag(CaseRelation.Apprentice) ? "Apprentice"
        : relation.HasFlag(CaseRelation.Employer) ? "Employer"
        : relation.HasFlag(CaseRelation.Provider) ? "Training provider"
        : relation.IsStaff() && relation.HasFlag(CaseRelation.Admin) ? "Assessment organisation"
        : relation.IsStaff() && relation.HasFlag(CaseRelation.AllocatedAssessor) ? "Assessor"
        : throw new ArgumentOutOfRangeException(nameof(relation), relation, "This relation takes no part in case messages.");

    private static bool SeesWholeThread(CaseRelation relation) =>
        relation.IsParty() ? (relation & FullThread) != 0 : relation.IsStaff() && relation.HasFlag(CaseRelation.Admin);
}
