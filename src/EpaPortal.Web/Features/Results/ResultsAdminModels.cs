using EpaPortal.Domain.Common;
using FluentValidation;

namespace EpaPortal.Web.Features.Results;

/// <summary>A graded result an admin can release: approved by QA, or not sampled for QA.</summary>
public sealed record ReleaseRow(
    int CaseId,
    string ApprenticeName,
    string OrganisationName,
    string StandardCode,
    string Attempt,
    string Grade,
    bool IsFail,
    bool NotSampled,
    string QualityAssurance);

/// <summary>A case whose current result has been released, with where its certificate stands.</summary>
public sealed record ReleasedCaseRow(int CaseId, string ApprenticeName, string OrganisationName, string Attempt, string Grade, string ReleasedAt, string State, string CertificateStatus);

/// <summary>A released result left out of the export, and why.</summary>
public sealed record ExportProblem(int CaseId, string ApprenticeName, string Problem);

/// <summary>
/// The results page: everything ready to release, and one keyset page of released results (cursors
/// <see cref="Previous"/> and <see cref="Next"/>) with their count, exact up to
/// <see cref="ResultsAdminService.CountLimit"/>.
/// </summary>
public sealed record ResultsIndexViewModel(
    IReadOnlyList<ReleaseRow> ReadyToRelease,
    int AwaitingQaCount,
    IReadOnlyList<ReleasedCaseRow> Released,
    string? Previous,
    string? Next,
    int ReleasedCount,
    string? Problem)
{
    public bool ReleasedCountIsExact => ReleasedCount <= ResultsAdminService.CountLimit;

    /// <summary>The released list's sort as the URL carries it (null: latest first).</summary>
    public string? Sort { get; init; }
}

/// <summary>The export check: released results the export leaves out, and why.</summary>
public sealed record ExportCheckViewModel(IReadOnlyList<ExportProblem> Problems);

public sealed record DecisionView(
    int Attempt,
    string AttemptText,
    string FinalGrade,
    string ComputedGrade,
    string? CappedFrom,
    string? OverrideJustification,
    IReadOnlyList<string> Reasons,
    string? Feedback,
    string? Recommendation,
    string QaStatus,
    string? QaDecisionDate,
    string? ReleasedAt,
    string DecidedAt);

public sealed record AdminCaseResultViewModel(
    int CaseId,
    string ApprenticeName,
    string Uln,
    string OrganisationName,
    string StandardCode,
    string State,
    bool IsOnHold,
    string Attempt,
    DecisionView? Current,
    IReadOnlyList<DecisionView> History,
    string CertificateStatus,
    string? AppealDeadline,
    bool HasAppeal,
    bool CanRelease,
    bool CanRecordFail,
    bool CanRequestCertificate,
    bool CanPlanNextAttempt,
    string? NextAttemptRefusal,
    bool CanRecordExceptionalCircumstances,
    bool ConsentGivenAtGateway,
    string CertificateRecipient,
    string? CertificateAddress,
    bool ExceptionalCircumstances,
    string? ExceptionalCircumstancesReason,
    string? ResitGradeCap)
{
    public NextAttemptInput NextAttempt { get; init; } = new();

    /// <summary>When the case names a training provider: its agreement to the next attempt (issue 19), shown instead of the employer's tick.</summary>
    public ProviderAgreementView? ProviderAgreement { get; init; }

    public CertificateInput Certificate { get; init; } = new();

    public ExceptionalCircumstancesInput Exceptional { get; init; } = new();
}

/// <summary>The training provider's agreement to the next attempt of the current attempt, if any, with its supportive action plan.</summary>
public sealed record ProviderAgreementView(string ProviderName, string? Kind, string? AgreedBy, string? Plan, Guid? PlanFileId = null);

/// <summary>The cases to release together.</summary>
public sealed class ReleaseInput
{
    public List<int> CaseIds { get; set; } = [];
}

/// <summary>After a recorded Fail: a re-sit or a re-take, with the employer's agreement.</summary>
public sealed class NextAttemptInput
{
    public AttemptKind? Kind { get; set; }

    public bool EmployerAgreed { get; set; }

    public string? Note { get; set; }
}

public sealed class NextAttemptInputValidator : AbstractValidator<NextAttemptInput>
{
    public NextAttemptInputValidator()
    {
        RuleFor(x => x.Kind)
            .Must(k => k is AttemptKind.Resit or AttemptKind.Retake)
            .WithMessage("Choose a re-sit (no further training) or a re-take (further training first).");
        RuleFor(x => x.Note).MaximumLength(FieldLengths.Reason).WithMessage($"Keep the note to {FieldLengths.Reason} characters.");
    }
}

/// <summary>The declarations an admin makes when requesting the certificate.</summary>
public sealed class CertificateInput
{
    /// <summary>Name, ULN, recipient and postal address checked.</summary>
    public bool DetailsChecked { get; set; }

    /// <summary>No appeal or investigation open; every requirement of the plan met.</summary>
    public bool RequirementsMet { get; set; }
}

public sealed class CertificateInputValidator : AbstractValidator<CertificateInput>
{
    public CertificateInputValidator()
    {
        RuleFor(x => x.DetailsChecked).Equal(true).WithMessage("Confirm that you have checked the name, ULN, recipient and postal address.");
        RuleFor(x => x.RequirementsMet).Equal(true).WithMessage("Confirm that no appeal or investigation is open and every requirement is met.");
    }
}

/// <summary>Exceptional circumstances lift the re-sit/re-take grade cap; recording or clearing them is audited.</summary>
public sealed class ExceptionalCircumstancesInput
{
    public bool Recorded { get; set; }

    public string? Reason { get; set; }
}

public sealed class ExceptionalCircumstancesInputValidator : AbstractValidator<ExceptionalCircumstancesInput>
{
    public ExceptionalCircumstancesInputValidator()
    {
        RuleFor(x => x.Reason)
            .NotEmpty().WithMessage("Describe the exceptional circumstances, or why they no longer apply.")
            .MaximumLength(FieldLengths.Reason).WithMessage($"Keep the reason to {FieldLengths.Reason} characters.");
    }
}
