using EpaPortal.Domain.Adjustments;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Cases;
using FluentValidation;

namespace EpaPortal.Web.Features.Adjustments;

/// <summary>
/// Recording (or editing) a reasonable adjustment of a case. The form carries its evidence file, so it is read
/// as a stream (<c>UploadReceiver</c>) and its fields are taken from the posted fields by <see cref="FromFields"/>.
/// </summary>
public sealed class AdjustmentInput
{
    public const string Prefix = "Input";

    public AdjustmentType? Type { get; set; }

    public string? Details { get; set; }

    public int? ExtraProjectWorkingDays { get; set; }

    public int? ExtraInterviewMinutes { get; set; }

    /// <summary>The evidence uploaded with an earlier try of this form (kept so it is not uploaded twice).</summary>
    public Guid? EvidenceFileId { get; set; }

    /// <summary>An admin's amendment of an approved adjustment: the line the assessor sees.</summary>
    public string? Summary { get; set; }

    /// <summary>An admin's amendment of an approved adjustment: why it changes (required then).</summary>
    public string? Reason { get; set; }

    /// <summary>The adjustment's version when the edit form was opened (a change since then is a conflict).</summary>
    public Guid? Version { get; set; }

    /// <summary>Numbers as typed, kept to show again when they are not numbers.</summary>
    public string? ExtraProjectWorkingDaysText { get; set; }

    public string? ExtraInterviewMinutesText { get; set; }

    public static AdjustmentInput FromFields(IReadOnlyDictionary<string, string> fields)
    {
        string? Text(string name) => fields.TryGetValue($"{Prefix}.{name}", out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        Guid? Id(string name) => Guid.TryParse(Text(name), out var id) && id != Guid.Empty ? id : null;
        int? Number(string? text) => text is null ? 0
            : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

        var days = Text(nameof(ExtraProjectWorkingDays));
        var minutes = Text(nameof(ExtraInterviewMinutes));
        return new AdjustmentInput
        {
            Type = Enum.TryParse<AdjustmentType>(Text(nameof(Type)), out var type) && Enum.IsDefined(type) ? type : null,
            Details = Text(nameof(Details)),
            ExtraProjectWorkingDays = Number(days),
            ExtraInterviewMinutes = Number(minutes),
            ExtraProjectWorkingDaysText = days,
            ExtraInterviewMinutesText = minutes,
            EvidenceFileId = Id(nameof(EvidenceFileId)),
            Summary = Text(nameof(Summary)),
            Reason = Text(nameof(Reason)),
            Version = Id(nameof(Version)),
        };
    }

    /// <summary>What the form shows in a number box: what was typed, or the value.</summary>
    public string? DaysShown => ExtraProjectWorkingDaysText ?? ExtraProjectWorkingDays?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string? MinutesShown => ExtraInterviewMinutesText ?? ExtraInterviewMinutes?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class AdjustmentInputValidator : AbstractValidator<AdjustmentInput>
{
    public AdjustmentInputValidator()
    {
        RuleFor(x => x.Type).NotNull().WithMessage("Choose the kind of adjustment.").IsInEnum().WithMessage("Choose the kind of adjustment.");
        RuleFor(x => x.Details).NotEmpty().WithMessage("Describe the adjustment and why it is needed.")
            .MaximumLength(ReasonableAdjustment.MaxDetailsLength).WithMessage($"The details can be at most {ReasonableAdjustment.MaxDetailsLength} characters.");
        RuleFor(x => x.ExtraProjectWorkingDays).NotNull().WithMessage("Extra project time must be a whole number of working days.")
            .InclusiveBetween(0, ReasonableAdjustment.MaxExtraProjectWorkingDays)
            .WithMessage($"Extra project time is from 0 to {ReasonableAdjustment.MaxExtraProjectWorkingDays} working days.");
        RuleFor(x => x.ExtraInterviewMinutes).NotNull().WithMessage("Extra interview time must be a whole number of minutes.")
            .InclusiveBetween(0, ReasonableAdjustment.MaxExtraInterviewMinutes)
            .WithMessage($"Extra interview time is from 0 to {ReasonableAdjustment.MaxExtraInterviewMinutes} minutes.");
        RuleFor(x => x.Summary).MaximumLength(ReasonableAdjustment.MaxSummaryLength)
            .WithMessage($"The summary for the assessor can be at most {ReasonableAdjustment.MaxSummaryLength} characters.");
        RuleFor(x => x.Reason).MaximumLength(FieldLengths.Reason).WithMessage($"The reason can be at most {FieldLengths.Reason} characters.");
    }
}

/// <summary>An admin's decision on an adjustment: approve or refuse, always with a reason.</summary>
public sealed class AdjustmentDecisionInput
{
    public bool? Approve { get; set; }

    public string? Reason { get; set; }

    /// <summary>The line the assessor and quality assurance see (no medical details); optional.</summary>
    public string? Summary { get; set; }
}

public sealed class AdjustmentDecisionInputValidator : AbstractValidator<AdjustmentDecisionInput>
{
    public AdjustmentDecisionInputValidator()
    {
        RuleFor(x => x.Approve).NotNull().WithMessage("Choose whether to approve or refuse the adjustment.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the reason for the decision (it is kept in the case record).")
            .MaximumLength(FieldLengths.Reason).WithMessage($"The reason can be at most {FieldLengths.Reason} characters.");
        RuleFor(x => x.Summary).MaximumLength(ReasonableAdjustment.MaxSummaryLength)
            .WithMessage($"The summary for the assessor can be at most {ReasonableAdjustment.MaxSummaryLength} characters.");
    }
}

/// <summary>The evidence of an adjustment, for those who may see it (admins and the requester).</summary>
public sealed record AdjustmentEvidence(string FileName, long SizeBytes, string Url);

public sealed record AdjustmentRow(
    int Id, AdjustmentType Type, string? Details, int ExtraProjectWorkingDays, int ExtraInterviewMinutes, AdjustmentStatus Status,
    string? DecisionReason, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt,
    string? Summary = null, AdjustmentEvidence? Evidence = null, AdjustmentChange Change = AdjustmentChange.None,
    string? AmendmentReason = null, DateTimeOffset? AmendedAt = null)
{
    public Guid Version { get; init; }

    public string TypeName => ReasonableAdjustment.TypeName(Type);

    public string Effect => ReasonableAdjustment.Describe(ExtraProjectWorkingDays, ExtraInterviewMinutes);
}

/// <summary>The register of one case's reasonable adjustments (the admin's, or the employer's requests).</summary>
public sealed record AdjustmentsViewModel(CaseAccessInfo Header, IReadOnlyList<AdjustmentRow> Adjustments, AdjustmentInput Input, int? DecidingId, AdjustmentDecisionInput Decision)
{
    /// <summary>What happened to the evidence file sent with the form (uploaded, or refused and why).</summary>
    public IReadOnlyList<string> FileMessages { get; init; } = [];

    /// <summary>The name of the evidence kept from an earlier try of the form.</summary>
    public string? KeptEvidenceName { get; init; }

    public string Accept { get; init; } = string.Empty;
}

/// <summary>Editing one adjustment: a request awaiting a decision, or (admin) amending an approved one.</summary>
public sealed record AdjustmentEditViewModel(CaseAccessInfo Header, AdjustmentRow Adjustment, AdjustmentInput Input, string PostUrl, string BackUrl)
{
    public bool Amending => Adjustment.Change == AdjustmentChange.Amend;

    public IReadOnlyList<string> FileMessages { get; init; } = [];

    public string? KeptEvidenceName { get; init; }

    public string Accept { get; init; } = string.Empty;
}

/// <summary>What the allocated assessor and QA see of an approved adjustment: the kind, its effect and the admin's
/// short summary, never the details or evidence.</summary>
public sealed record ApprovedAdjustment(string TypeName, string Effect, string? Summary = null);

/// <summary>What the shared fields of an adjustment form show.</summary>
public sealed record AdjustmentFieldsModel(AdjustmentInput Input, string DetailsLabel, bool AskedFor, bool Amending, string Accept, IReadOnlyList<string> FileMessages, string? KeptEvidenceName, string? CurrentEvidenceName);
