using EpaPortal.Domain.Cases;

namespace EpaPortal.Domain.Access;

/// <summary>How an actor stands towards one case. Staff relations can combine (an admin who is also a
/// quality assurer); the apprentice, employer and provider relations never combine with a staff relation.</summary>
[Flags]
public enum CaseRelation
{
    /// <summary>Unrelated: sees nothing and may do nothing.</summary>
    None = 0,

    /// <summary>The case's own apprentice.</summary>
    Apprentice = 1,

    /// <summary>An employer user of the apprentice's organisation.</summary>
    Employer = 2,

    /// <summary>The independent assessor allocated to the case.</summary>
    AllocatedAssessor = 4,

    /// <summary>A quality assurer who is not the case's assessor.</summary>
    QualityAssurer = 8,

    /// <summary>EPAO staff with the Admin role.</summary>
    Admin = 16,

    /// <summary>The portal itself (clock-driven changes).</summary>
    System = 32,

    /// <summary>An API client of an organisation the case belongs to (its employer, or its training provider
    /// once cases name one): a party, never staff.</summary>
    OrganisationClient = 64,

    /// <summary>A Provider user of the case's training provider: a party, never staff (issue 19).</summary>
    Provider = 128,
}

public static class CaseRelations
{
    public const CaseRelation Staff = CaseRelation.AllocatedAssessor | CaseRelation.QualityAssurer | CaseRelation.Admin;

    /// <summary>
    /// Decides the actor's relation to the case. A person may hold several roles but never two roles on
    /// the same case: the case's apprentice or employer has no staff relation to it, and the allocated
    /// assessor is never its quality assurer.
    /// </summary>
    public static CaseRelation Of(Actor actor, EpaCase epaCase, CaseParties parties) =>
        Of(actor, epaCase.AssessorId, parties);

    /// <summary>The same decision from the case's allocated assessor id, for callers that read only the
    /// few columns it needs (lists and access checks).</summary>
    public static CaseRelation Of(Actor actor, string? caseAssessorId, CaseParties parties)
    {
        if (actor.IsSystem)
        {
            return CaseRelation.System;
        }

        // An API client is only ever its organisation's client, whatever else: it holds no roles.
        if (actor.ApiClient is { } client)
        {
            return client.Scope.Covers(parties) ? CaseRelation.OrganisationClient : CaseRelation.None;
        }

        if (actor.IsInRole(PortalRole.Apprentice) && parties.ApprenticeUserId is not null && actor.UserId == parties.ApprenticeUserId)
        {
            return CaseRelation.Apprentice;
        }

        // An organisation that both employs and trains the apprentice acts as both parties: the two relations combine.
        var party = CaseRelation.None;
        if (actor.IsInRole(PortalRole.Employer) && actor.EmployerOrganisationId == parties.ApprenticeOrganisationId)
        {
            party |= CaseRelation.Employer;
        }

        if (actor.IsInRole(PortalRole.Provider) && parties.ProviderOrganisationId is not null && actor.EmployerOrganisationId == parties.ProviderOrganisationId)
        {
            party |= CaseRelation.Provider;
        }

        if (party != CaseRelation.None)
        {
            return party;
        }

        var relation = CaseRelation.None;
        var isAllocatedAssessor = caseAssessorId is not null && actor.UserId == caseAssessorId;
        if (isAllocatedAssessor && actor.IsInRole(PortalRole.Assessor))
        {
            relation |= CaseRelation.AllocatedAssessor;
        }

        if (!isAllocatedAssessor && actor.IsInRole(PortalRole.QualityAssurer))
        {
            relation |= CaseRelation.QualityAssurer;
        }

        if (actor.IsInRole(PortalRole.Admin))
        {
            relation |= CaseRelation.Admin;
        }

        return relation;
    }

    public static bool IsParty(this CaseRelation relation) => (relation & (CaseRelation.Apprentice | CaseRelation.Employer | CaseRelation.Provider | CaseRelation.OrganisationClient)) != 0;

    public static bool IsStaff(this CaseRelation relation) => !relation.IsParty() && (relation & Staff) != 0;
}
