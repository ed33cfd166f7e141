using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using FluentValidation;

namespace EpaPortal.Web.Features.Provider;

/// <summary>The training provider's co-signature of the gateway.</summary>
public sealed class CoSignInput
{
    public string? Name { get; set; }

    public string? JobTitle { get; set; }

    public bool ReadinessConfirmed { get; set; }
}

public sealed class CoSignInputValidator : AbstractValidator<CoSignInput>
{
    public CoSignInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter your name.")
            .MaximumLength(FieldLengths.Name).WithMessage($"Keep the name to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.JobTitle).NotEmpty().WithMessage("Enter your job title.")
            .MaximumLength(FieldLengths.Name).WithMessage($"Keep the job title to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.ReadinessConfirmed).Equal(true)
            .WithMessage("Confirm that the apprentice is ready for the end-point assessment and their training is complete.");
    }
}

/// <summary>The training provider's agreement to a re-sit or a re-take after a released Fail; a re-take needs the supportive action plan.</summary>
public sealed class AgreeNextAttemptInput
{
    public Domain.Common.AttemptKind? Kind { get; set; }

    public string? Name { get; set; }

    public string? Plan { get; set; }
}

public sealed class AgreeNextAttemptInputValidator : AbstractValidator<AgreeNextAttemptInput>
{
    public const string KindRequired = "Choose a re-sit (no further training) or a re-take (further training first).";
    public const string PlanRequired = "A re-take needs your supportive action plan: describe the further training before the next attempt.";

    public AgreeNextAttemptInputValidator()
    {
        RuleFor(x => x.Kind).Must(k => k is Domain.Common.AttemptKind.Resit or Domain.Common.AttemptKind.Retake).WithMessage(KindRequired);
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter your name.")
            .MaximumLength(FieldLengths.Name).WithMessage($"Keep the name to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.Plan).NotEmpty().When(x => x.Kind == Domain.Common.AttemptKind.Retake).WithMessage(PlanRequired)
            .MaximumLength(FieldLengths.Narrative).WithMessage($"Keep the plan to {FieldLengths.Narrative} characters or fewer.");
    }
}

/// <summary>One item of the gateway evidence on the provider's page: the latest file for it, and who uploaded it.</summary>
public sealed record GatewayEvidenceRow(string Slot, string Label, Guid? FileId, string? FileName, string? UploadedBy);

/// <summary>What the provider agreed after a Fail, for the current attempt.</summary>
public sealed record NextAttemptAgreementView(string Kind, string AgreedBy, string? Plan, Guid? PlanFileId, string? PlanFileName);

/// <summary>One page of the provider's open cases, those waiting for its co-signature first.</summary>
public sealed record ProviderDashboardViewModel(string? OrganisationName, IReadOnlyList<ProviderCaseRow> Cases, int Page, int PageCount, int TotalCount)
{
    /// <summary>The finished assessments (result released, certificate requested, fail recorded, withdrawn...) rather than the open ones.</summary>
    public bool Closed { get; init; }

    /// <summary>The list's address, for the tabs and the pages.</summary>
    public string Url(int page) => $"/provider?{(Closed ? "show=closed&" : null)}page={page}";

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;
}

public sealed record ProviderCaseRow(int CaseId, string ApprenticeName, string Uln, string EmployerName, string StandardCode, string StateLabel, bool IsOnHold, bool AwaitingCoSignature, string? PlannedGatewayDate);

public sealed record ProviderCaseHeader(int CaseId, string ApprenticeName, string Uln, string EmployerName, string StandardCode, CaseState State, bool IsOnHold)
{
    public string StateLabel => Domain.Common.DisplayNames.Of(State);
}

/// <summary>The provider's page of one case: progress, its co-signature, and the result only once released.</summary>
public sealed record ProviderCaseViewModel(
    ProviderCaseHeader Header,
    string? PlannedGatewayDate,
    int PortfolioItems,
    string? PortfolioSubmittedAt,
    string? PortfolioConfirmedAt,
    bool ReferenceSubmitted,
    string? CoSignedBy,
    bool MayCoSign,
    string? GatewaySubmittedAt,
    string? GatewayProviderSignature,
    string? GatewayReviewedAt,
    ProviderResult? Result)
{
    public CoSignInput CoSign { get; init; } = new();

    /// <summary>The gateway evidence items (knowledge-module certificates, English, maths) with their latest file.</summary>
    public IReadOnlyList<GatewayEvidenceRow> GatewayEvidence { get; init; } = [];

    /// <summary>The provider may upload gateway evidence now (the domain's rule: while the gateway is being prepared).</summary>
    public bool MayUploadEvidence { get; init; }

    public string EvidenceAccept { get; init; } = string.Empty;

    /// <summary>What happened to the file of the last evidence upload (when it was refused).</summary>
    public IReadOnlyList<string> EvidenceMessages { get; init; } = [];

    /// <summary>A released Fail is recorded: the provider agrees to a re-sit or a re-take.</summary>
    public bool MayAgreeNextAttempt { get; init; }

    public NextAttemptAgreementView? Agreement { get; init; }

    public AgreeNextAttemptInput Agree { get; init; } = new();

    public IReadOnlyList<string> AgreeProblems { get; init; } = [];

    public IReadOnlyList<string> Problems { get; init; } = [];
}

/// <summary>Shown only when the domain's visibility rules let the provider see the result (after release).</summary>
public sealed record ProviderResult(string Grade, string? Feedback, string ReleasedAt);
