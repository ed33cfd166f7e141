using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Cases;

/// <summary>
/// One apprentice's end-point assessment against one standard version, across its attempt chain.
/// Its state changes only through the case workflow (the domain state machine).
/// </summary>
public class EpaCase : IVersioned
{
    private EpaCase()
    {
    }

    public EpaCase(Apprentice apprentice, int standardVersionId, DateTimeOffset createdAt)
        : this(apprentice.Id, apprentice.OrganisationId, standardVersionId, createdAt)
    {
    }

    public EpaCase(int apprenticeId, int organisationId, int standardVersionId, DateTimeOffset createdAt)
    {
        ApprenticeId = apprenticeId;
        OrganisationId = organisationId;
        StandardVersionId = standardVersionId;
        CreatedAt = createdAt;
        State = CaseState.Registered;
        Attempt = 1;
        AttemptKind = AttemptKind.First;
    }

    public int Id { get; private set; }

    public int ApprenticeId { get; private set; }

    public Apprentice? Apprentice { get; private set; }

    /// <summary>
    /// The apprentice's employer, kept on the case so that an employer's list of open cases is read from an
    /// index of open cases by organisation. It never differs from the apprentice's: an apprentice's
    /// organisation is fixed when they are added (<see cref="Apprentice.OrganisationId"/> has no setter).
    /// </summary>
    public int OrganisationId { get; private set; }

    /// <summary>
    /// The training provider (an organisation with a UKPRN) that trains the apprentice and co-signs the gateway.
    /// Null for cases registered before providers were parties (issue 19): their gateway needs the employer alone.
    /// </summary>
    public int? ProviderOrganisationId { get; internal set; }

    /// <summary>The date the provider plans to bring the apprentice to the gateway, given when it books the EPA.</summary>
    public DateOnly? PlannedGatewayDate { get; set; }

    public int StandardVersionId { get; private set; }

    public StandardVersion? StandardVersion { get; private set; }

    /// <summary>Changed only by the case workflow.</summary>
    public CaseState State { get; internal set; }

    /// <summary>When the case entered its current state (for deadlines and "overdue" lists).</summary>
    public DateTimeOffset StateChangedAt { get; internal set; }

    /// <summary>Malpractice investigation: the case is frozen until resumed.</summary>
    public bool IsOnHold { get; internal set; }

    public string? HoldReason { get; internal set; }

    /// <summary>The independent assessor allocated to the current attempt.</summary>
    public string? AssessorId { get; internal set; }

    /// <summary>1 for the first attempt; a re-sit or re-take starts the next.</summary>
    public int Attempt { get; internal set; }

    public AttemptKind AttemptKind { get; internal set; }

    /// <summary>An admin recorded exceptional circumstances, lifting a re-sit/re-take grade cap.</summary>
    public bool ExceptionalCircumstances { get; set; }

    public string? ExceptionalCircumstancesReason { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    // Portfolio (one per case; reused by re-sits and re-takes).
    public DateTimeOffset? PortfolioSubmittedAt { get; internal set; }

    public string? PortfolioSnapshotHash { get; internal set; }

    public DateTimeOffset? PortfolioConfirmedAt { get; internal set; }

    public string? PortfolioConfirmedByName { get; internal set; }

    public string? PortfolioConfirmedByJobTitle { get; internal set; }

    public string? PortfolioReturnReason { get; internal set; }

    /// <summary>
    /// The apprentice can no longer add, change or remove evidence: the portfolio has been submitted (until
    /// the employer returns it), the gateway has been submitted, or the case is on hold.
    /// </summary>
    public bool IsPortfolioLocked =>
        PortfolioSubmittedAt is not null || IsOnHold || State is not (CaseState.Registered or CaseState.GatewayRejected);

    // Milestones shown on dashboards.
    public DateTimeOffset? GatewaySubmittedAt { get; internal set; }

    public DateTimeOffset? GatewayApprovedAt { get; internal set; }

    // The training provider's co-signature of the next gateway submission; moved onto the submission when the
    // employer submits, so a resubmission after a rejection needs the provider to sign again.
    public DateTimeOffset? ProviderGatewaySignedAt { get; internal set; }

    public string? ProviderGatewaySignedById { get; internal set; }

    public string? ProviderGatewaySignatoryName { get; internal set; }

    public string? ProviderGatewaySignatoryJobTitle { get; internal set; }

    // The training provider's agreement to the next attempt after a released Fail (issue 19), for the attempt it
    // names: the admin's "plan a re-sit/re-take" needs it when the case names a provider, and a re-take needs the
    // provider's supportive action plan. A new attempt leaves it behind (it names the failed attempt).
    public AttemptKind? ProviderAgreedNextAttempt { get; internal set; }

    public int? ProviderAgreementAttempt { get; internal set; }

    public DateTimeOffset? ProviderAgreedAt { get; internal set; }

    public string? ProviderAgreedById { get; internal set; }

    public string? ProviderAgreedByName { get; internal set; }

    /// <summary>The provider's supportive action plan for a re-take: the further training before the next attempt.</summary>
    public string? SupportiveActionPlan { get; internal set; }

    /// <summary>The plan as a document, uploaded through the evidence store (optional).</summary>
    public Guid? SupportiveActionPlanFileId { get; internal set; }

    public DateTimeOffset? ResultReleasedAt { get; internal set; }

    public DateTimeOffset? AppealDeadline { get; internal set; }

    public DateTimeOffset? CertificateRequestedAt { get; internal set; }

    public Guid Version { get; set; }
}
