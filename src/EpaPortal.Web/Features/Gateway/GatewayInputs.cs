using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Infrastructure.DateInput;
using FluentValidation;

namespace EpaPortal.Web.Features.Gateway;

/// <summary>
/// The employer's gateway form. It is posted as a multipart form with its files (read as a stream by the
/// upload receiver), so it is read from the posted fields by <see cref="FromFields"/> rather than bound.
/// Whether every item is there is the case workflow's decision; this only checks what was typed.
/// </summary>
public sealed class GatewayInput
{
    public const string Prefix = "Input";

    public List<KnowledgeModuleInput> Modules { get; set; } = [];

    public Guid? EnglishEvidenceFileId { get; set; }

    [Display(Name = "Or the reason for an English exemption")]
    public string? EnglishExemptionReason { get; set; }

    public Guid? MathsEvidenceFileId { get; set; }

    [Display(Name = "Or the reason for a maths exemption")]
    public string? MathsExemptionReason { get; set; }

    public bool MinimumTimeOnProgrammeConfirmed { get; set; }

    public bool PortfolioAndReferenceCompleteConfirmed { get; set; }

    public bool ReadinessDeclared { get; set; }

    public bool ApprenticeConsentsToCertificateRequest { get; set; }

    [Display(Name = "Your name")]
    public string? SignatoryName { get; set; }

    [Display(Name = "Your job title")]
    public string? SignatoryJobTitle { get; set; }

    public static GatewayInput FromFields(IReadOnlyDictionary<string, string> fields, int moduleCount)
    {
        string? Text(string name) => fields.TryGetValue($"{Prefix}.{name}", out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        Guid? Id(string name) => Guid.TryParse(Text(name), out var id) && id != Guid.Empty ? id : null;
        bool Ticked(string name) => string.Equals(Text(name), "true", StringComparison.OrdinalIgnoreCase);

        // The date passed is typed as day, month and year (PassedOn.Day etc.); a client may send PassedOn as yyyy-MM-dd.
        // Parts that are not a date are kept as typed, so the module counts as started and its message is given.
        KnowledgeModuleInput Module(int i)
        {
            var passedOn = DateParts.FromFields(fields, $"{Prefix}.Modules[{i}].PassedOn", KnowledgeModuleInput.PassedOnName, out var parts);
            return new KnowledgeModuleInput
            {
                AwardingBody = Text($"Modules[{i}].AwardingBody"),
                PassedOn = parts is null ? Text($"Modules[{i}].PassedOn")
                    : parts.Error is not null ? parts.AttemptedValue
                    : passedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                PassedOnParts = parts,
                CertificateFileId = Id($"Modules[{i}].CertificateFileId"),
            };
        }

        return new GatewayInput
        {
            Modules = Enumerable.Range(0, moduleCount).Select(i => Module(i)).ToList(),
            EnglishEvidenceFileId = Id(nameof(EnglishEvidenceFileId)),
            EnglishExemptionReason = Text(nameof(EnglishExemptionReason)),
            MathsEvidenceFileId = Id(nameof(MathsEvidenceFileId)),
            MathsExemptionReason = Text(nameof(MathsExemptionReason)),
            MinimumTimeOnProgrammeConfirmed = Ticked(nameof(MinimumTimeOnProgrammeConfirmed)),
            PortfolioAndReferenceCompleteConfirmed = Ticked(nameof(PortfolioAndReferenceCompleteConfirmed)),
            ReadinessDeclared = Ticked(nameof(ReadinessDeclared)),
            ApprenticeConsentsToCertificateRequest = Ticked(nameof(ApprenticeConsentsToCertificateRequest)),
            SignatoryName = Text(nameof(SignatoryName)),
            SignatoryJobTitle = Text(nameof(SignatoryJobTitle)),
        };
    }
}

/// <summary>One knowledge module of the standard version: who awarded it, when it was passed, its certificate.</summary>
public sealed class KnowledgeModuleInput
{
    [Display(Name = "Awarding body")]
    public string? AwardingBody { get; set; }

    public const string PassedOnName = "Date passed";

    /// <summary>The date as yyyy-MM-dd (from the day, month and year typed), or what was typed when it is not a date.</summary>
    [Display(Name = PassedOnName)]
    public string? PassedOn { get; set; }

    /// <summary>The day, month and year as typed, for the redisplay and the message (null when an ISO date was sent).</summary>
    public DateParts? PassedOnParts { get; set; }

    public Guid? CertificateFileId { get; set; }

    public DateOnly? PassedOnDate =>
        DateOnly.TryParseExact(PassedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public bool IsStarted => AwardingBody is not null || PassedOn is not null || CertificateFileId is not null;
}

public sealed class GatewayInputValidator : AbstractValidator<GatewayInput>
{
    public static readonly string ExemptionTooLong = $"The exemption reason can be at most {FieldLengths.Reason} characters.";
    public static readonly string SignatoryNameTooLong = $"Your name can be at most {FieldLengths.Name} characters.";
    public static readonly string SignatoryJobTitleTooLong = $"Your job title can be at most {FieldLengths.Name} characters.";

    public GatewayInputValidator()
    {
        RuleForEach(x => x.Modules).SetValidator(new KnowledgeModuleInputValidator());
        RuleFor(x => x.EnglishExemptionReason).MaximumLength(FieldLengths.Reason).WithMessage(ExemptionTooLong);
        RuleFor(x => x.MathsExemptionReason).MaximumLength(FieldLengths.Reason).WithMessage(ExemptionTooLong);
        RuleFor(x => x.SignatoryName).MaximumLength(FieldLengths.Name).WithMessage(SignatoryNameTooLong);
        RuleFor(x => x.SignatoryJobTitle).MaximumLength(FieldLengths.Name).WithMessage(SignatoryJobTitleTooLong);
    }
}

public sealed class KnowledgeModuleInputValidator : AbstractValidator<KnowledgeModuleInput>
{
    public const string AwardingBodyRequired = "Enter the awarding body of this module.";
    public const string PassedOnRequired = "Enter the date this module was passed.";
    public const string PassedOnInvalid = "Enter the date this module was passed as a real date.";
    public static readonly string AwardingBodyTooLong = $"The awarding body can be at most {FieldLengths.Name} characters.";

    public KnowledgeModuleInputValidator()
    {
        RuleFor(x => x.AwardingBody).NotEmpty().When(x => x.IsStarted).WithMessage(AwardingBodyRequired)
            .MaximumLength(FieldLengths.Name).WithMessage(AwardingBodyTooLong);
        RuleFor(x => x.PassedOn).NotEmpty().When(x => x.IsStarted).WithMessage(PassedOnRequired)
            .Must((input, _) => input.PassedOnDate is not null).When(x => x.PassedOn is not null, ApplyConditionTo.CurrentValidator).WithMessage(PassedOnInvalid);
    }
}
