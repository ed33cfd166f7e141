using EpaPortal.Domain.Adjustments;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Cases;
using FluentValidation;

namespace EpaPortal.Web.Features.Adjustments;

/// <summary>Recording (or editing) a reasonable adjustment of a case.</summary>
public sealed class AdjustmentInput
{
    public AdjustmentType? Type { get; set; }

    public string? Details { get; set; }

    public int? ExtraProjectWorkingDays { get; set; }

    public int? ExtraInterviewMinutes { get; set; }
}

public sealed class AdjustmentInputValidator : AbstractValidator<AdjustmentInput>
{
    public AdjustmentInputValidator()
    {
        RuleFor(x => x.Type).NotNull().WithMessage("Choose the kind of adjustment.").IsInEnum().WithMessage("Choose the kind of adjustment.");
        RuleFor(x => x.Details).NotEmpty().WithMessage("Describe the adjustment and why it is needed.")
            .MaximumLength(ReasonableAdjustment.MaxDetailsLength).WithMessage($"The details can be at most {ReasonableAdjustment.MaxDetailsLength} characters.");
        RuleFor(x => x.ExtraProjectWorkingDays).InclusiveBetween(0, ReasonableAdjustment.MaxExtraProjectWorkingDays)
            .WithMessage($"Extra project time is from 0 to {ReasonableAdjustment.MaxExtraProjectWorkingDays} working days.");
        RuleFor(x => x.ExtraInterviewMinutes).InclusiveBetween(0, ReasonableAdjustment.MaxExtraInterviewMinutes)
            .WithMessage($"Extra interview time is from 0 to {ReasonableAdjustment.MaxExtraInterviewMinutes} minutes.");
    }
}

/// <summary>An admin's decision on an adjustment: approve or refuse, always with a reason.</summary>
public sealed class AdjustmentDecisionInput
{
    public bool? Approve { get; set; }

    public string? Reason { get; set; }
}

public sealed class AdjustmentDecisionInputValidator : AbstractValidator<AdjustmentDecisionInput>
{
    public AdjustmentDecisionInputValidator()
    {
        RuleFor(x => x.Approve).NotNull().WithMessage("Choose whether to approve or refuse the adjustment.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the reason for the decision (it is kept in the case record).")
            .MaximumLength(FieldLengths.Reason).WithMessage($"The reason can be at most {FieldLengths.Reason} characters.");
    }
}

public sealed record AdjustmentRow(
    int Id, AdjustmentType Type, string? Details, int ExtraProjectWorkingDays, int ExtraInterviewMinutes, AdjustmentStatus Status,
    string? DecisionReason, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt)
{
    public string TypeName => ReasonableAdjustment.TypeName(Type);

    public string Effect => ReasonableAdjustment.Describe(ExtraProjectWorkingDays, ExtraInterviewMinutes);
}

/// <summary>The admin's register of one case's reasonable adjustments.</summary>
public sealed record AdjustmentsViewModel(CaseAccessInfo Header, IReadOnlyList<AdjustmentRow> Adjustments, AdjustmentInput Input, int? DecidingId, AdjustmentDecisionInput Decision);

/// <summary>What the allocated assessor and QA see of an approved adjustment: the kind and its effect, never the details or evidence.</summary>
public sealed record ApprovedAdjustment(string TypeName, string Effect);
