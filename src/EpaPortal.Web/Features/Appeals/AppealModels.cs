using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using FluentValidation;

namespace EpaPortal.Web.Features.Appeals;

/// <summary>One appeal as shown to its parties (no reviewer) or to admins (with the reviewer).</summary>
public sealed record AppealView(
    int Id,
    int Attempt,
    string LodgedAt,
    string LodgedBy,
    string Grounds,
    string Status,
    string? DecisionReason,
    string? DecidedAt,
    string? ReviewerName);

/// <summary>The apprentice's or employer's appeal page.</summary>
public sealed record PartyAppealViewModel(
    int CaseId,
    string ApprenticeName,
    bool IsEmployer,
    string? Deadline,
    bool CanLodge,
    IReadOnlyList<string> Problems,
    IReadOnlyList<AppealView> Appeals,
    string ResultUrl)
{
    public LodgeAppealInput Lodge { get; init; } = new();
}

public sealed record ReviewerOption(string Id, string Name);

/// <summary>The admin's appeal page: assign an independent reviewer, decide, start the re-assessment.</summary>
public sealed record AdminAppealViewModel(
    int CaseId,
    string ApprenticeName,
    string OrganisationName,
    string State,
    string? Deadline,
    AppealView? Appeal,
    IReadOnlyList<AppealView> EarlierAppeals,
    IReadOnlyList<ReviewerOption> Reviewers,
    bool CanAssign,
    bool CanDecide,
    string? DecideBlockedBecause,
    bool CanStartReassessment,
    IReadOnlyList<string> ReassessmentProblems,
    string? AssessorName)
{
    public AssignReviewerInput Assign { get; init; } = new();

    public DecideAppealInput Decide { get; init; } = new();
}

public sealed record AppealListRow(int CaseId, string ApprenticeName, string OrganisationName, string LodgedAt, string State, string Status, string? ReviewerName);

public sealed record AppealListViewModel(IReadOnlyList<AppealListRow> Open, IReadOnlyList<AppealListRow> Decided);

public sealed class LodgeAppealInput
{
    public string? Grounds { get; set; }
}

public sealed class LodgeAppealInputValidator : AbstractValidator<LodgeAppealInput>
{
    public LodgeAppealInputValidator()
    {
        RuleFor(x => x.Grounds)
            .NotEmpty().WithMessage("Give the grounds for the appeal: what you believe went wrong in the assessment.")
            .MaximumLength(FieldLengths.Narrative).WithMessage($"Keep the grounds to {FieldLengths.Narrative} characters.");
    }
}

public sealed class AssignReviewerInput
{
    public string? ReviewerId { get; set; }
}

public sealed class AssignReviewerInputValidator : AbstractValidator<AssignReviewerInput>
{
    public AssignReviewerInputValidator()
    {
        RuleFor(x => x.ReviewerId).NotEmpty().WithMessage("Choose the reviewer.");
    }
}

public sealed class DecideAppealInput
{
    public AppealOutcome? Outcome { get; set; }

    public string? Reason { get; set; }
}

public sealed class DecideAppealInputValidator : AbstractValidator<DecideAppealInput>
{
    public DecideAppealInputValidator()
    {
        RuleFor(x => x.Outcome)
            .Must(o => o is AppealOutcome.Upheld or AppealOutcome.Rejected)
            .WithMessage("Choose whether the appeal is upheld or rejected.");
        RuleFor(x => x.Reason)
            .NotEmpty().WithMessage("Give the reason for the decision: the apprentice and employer read it.")
            .MaximumLength(FieldLengths.Reason).WithMessage($"Keep the reason to {FieldLengths.Reason} characters.");
    }
}
