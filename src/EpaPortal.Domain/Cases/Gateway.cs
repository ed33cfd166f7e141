namespace EpaPortal.Domain.Cases;

/// <summary>The items of a gateway submission that an admin approves or rejects one by one.</summary>
public enum GatewayItem
{
    KnowledgeModules,
    EnglishAndMaths,
    TimeOnProgramme,
    PortfolioAndReference,
    Readiness,
    CertificateConsent,
}

public enum GatewayItemDecision
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// One gateway submission by the employer, co-signed by the training provider when the case names one. A rejected gateway is followed by a new submission, so the
/// history of submissions and decisions is kept.
/// </summary>
public class GatewaySubmission : Common.IVersioned
{
    private readonly List<KnowledgeModuleResult> _moduleResults = [];
    private readonly List<GatewayItemReview> _reviews = [];

    private GatewaySubmission()
    {
        SubmittedById = string.Empty;
    }

    public GatewaySubmission(int caseId, string submittedById, DateTimeOffset submittedAt)
    {
        CaseId = caseId;
        SubmittedById = submittedById;
        SubmittedAt = submittedAt;
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public string SubmittedById { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public Guid? EnglishEvidenceFileId { get; set; }

    public string? EnglishExemptionReason { get; set; }

    public Guid? MathsEvidenceFileId { get; set; }

    public string? MathsExemptionReason { get; set; }

    public bool MinimumTimeOnProgrammeConfirmed { get; set; }

    public bool ReadinessDeclared { get; set; }

    public bool PortfolioAndReferenceCompleteConfirmed { get; set; }

    public bool ApprenticeConsentsToCertificateRequest { get; set; }

    public string? EmployerSignatoryName { get; set; }

    public string? EmployerSignatoryJobTitle { get; set; }

    /// <summary>The training provider's co-signature (null when the case names no provider).</summary>
    public string? ProviderSignatoryName { get; internal set; }

    public string? ProviderSignatoryJobTitle { get; internal set; }

    public string? ProviderSignedById { get; internal set; }

    public DateTimeOffset? ProviderSignedAt { get; internal set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedById { get; set; }

    public IReadOnlyList<KnowledgeModuleResult> ModuleResults => _moduleResults;

    public IReadOnlyList<GatewayItemReview> Reviews => _reviews;

    public Guid Version { get; set; }

    public KnowledgeModuleResult AddModuleResult(string module, string awardingBody, DateOnly passedOn, Guid certificateFileId)
    {
        var result = new KnowledgeModuleResult(module, awardingBody, passedOn, certificateFileId);
        _moduleResults.Add(result);
        return result;
    }

    public void RecordReview(GatewayItem item, GatewayItemDecision decision, string? reason)
    {
        var existing = _reviews.FirstOrDefault(r => r.Item == item);
        if (existing is null)
        {
            _reviews.Add(new GatewayItemReview(item, decision, reason));
        }
        else
        {
            existing.Decision = decision;
            existing.Reason = reason;
        }
    }
}

/// <summary>A knowledge module passed before the gateway, with its certificate.</summary>
public class KnowledgeModuleResult
{
    private KnowledgeModuleResult()
    {
        Module = AwardingBody = string.Empty;
    }

    internal KnowledgeModuleResult(string module, string awardingBody, DateOnly passedOn, Guid certificateFileId)
    {
        Module = module;
        AwardingBody = awardingBody;
        PassedOn = passedOn;
        CertificateFileId = certificateFileId;
    }

    public int Id { get; private set; }

    public int GatewaySubmissionId { get; private set; }

    public string Module { get; private set; }

    public string AwardingBody { get; private set; }

    public DateOnly PassedOn { get; private set; }

    public Guid CertificateFileId { get; private set; }
}

/// <summary>The admin's decision on one gateway item.</summary>
public class GatewayItemReview
{
    private GatewayItemReview()
    {
    }

    internal GatewayItemReview(GatewayItem item, GatewayItemDecision decision, string? reason)
    {
        Item = item;
        Decision = decision;
        Reason = reason;
    }

    public int Id { get; private set; }

    public int GatewaySubmissionId { get; private set; }

    public GatewayItem Item { get; private set; }

    public GatewayItemDecision Decision { get; internal set; }

    public string? Reason { get; internal set; }
}
