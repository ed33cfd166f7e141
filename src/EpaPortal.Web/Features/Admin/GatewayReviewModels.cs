using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Cases;
using FluentValidation;

namespace EpaPortal.Web.Features.Admin;

/// <summary>A gateway evidence file and who uploaded it (the employer or, issue 19, the training provider).</summary>
public sealed record EvidenceFileLink(Guid Id, string FileName, string UploadedBy);

public sealed record ModuleResultView(string Module, string AwardingBody, DateOnly PassedOn, EvidenceFileLink? Certificate);

public sealed record GatewaySubmissionView(
    DateTimeOffset SubmittedAt,
    string SubmittedByName,
    string? SignatoryName,
    string? SignatoryJobTitle,
    IReadOnlyList<ModuleResultView> Modules,
    EvidenceFileLink? EnglishEvidence,
    string? EnglishExemptionReason,
    EvidenceFileLink? MathsEvidence,
    string? MathsExemptionReason,
    bool MinimumTimeConfirmed,
    DateOnly StartDate,
    int MinimumMonths,
    bool PortfolioSubmitted,
    string? PortfolioConfirmedBy,
    bool ReferenceSubmitted,
    bool PortfolioAndReferenceCompleteConfirmed,
    bool ReadinessDeclared,
    bool CertificateConsent,
    DateTimeOffset? ReviewedAt,
    string? ReviewedByName)
{
    /// <summary>The training provider's co-signature (issue 19): who signed for it and when; null when the case names no provider.</summary>
    public string? ProviderSignature { get; init; }
}

public sealed record GatewayReviewViewModel(
    int CaseId,
    string ApprenticeName,
    string OrganisationName,
    CaseState State,
    bool IsOnHold,
    string? AssessorName,
    bool CanDecide,
    GatewaySubmissionView? Submission,
    GatewayReviewInput Input,
    IReadOnlyList<string> Problems)
{
    /// <summary>The approval or rejection was refused, but the item decisions were saved.</summary>
    public bool DecisionsKept { get; init; }

    public static string Label(GatewayItem item) => DisplayNames.Of(item);
}

/// <summary>The gateway decision's outcome; when refused, whether the item decisions were kept (saved) all the same.</summary>
public sealed record GatewayDecisionResult(CommandResult Result, bool DecisionsKept);

public sealed class GatewayReviewInput
{
    public List<GatewayItemInput> Items { get; set; } = [];
}

public sealed class GatewayItemInput
{
    public GatewayItem Item { get; set; }

    public GatewayItemDecision Decision { get; set; }

    public string? Reason { get; set; }
}

public sealed class GatewayReviewInputValidator : AbstractValidator<GatewayReviewInput>
{
    public GatewayReviewInputValidator()
    {
        RuleForEach(x => x.Items).ChildRules(item =>
        {
            item.RuleFor(i => i.Item).IsInEnum();
            item.RuleFor(i => i.Decision).IsInEnum();
            item.RuleFor(i => i.Reason).NotEmpty().When(i => i.Decision == GatewayItemDecision.Rejected)
                .WithMessage(i => $"Give the reason for rejecting '{DisplayNames.Of(i.Item)}'.");
            item.RuleFor(i => i.Reason).MaximumLength(FieldLengths.Reason)
                .WithMessage(i => $"Keep the reason for '{DisplayNames.Of(i.Item)}' to {FieldLengths.Reason} characters or fewer.");
        });
    }
}
