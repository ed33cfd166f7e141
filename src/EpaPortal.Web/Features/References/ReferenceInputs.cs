using System.ComponentModel.DataAnnotations;
using EpaPortal.Domain.Common;
using FluentValidation;

namespace EpaPortal.Web.Features.References;

/// <summary>The employer reference form: a narrative per grading area, the referee's details and the declaration.</summary>
public sealed class ReferenceInputModel
{
    public const string DeclarationText =
        "I confirm that this reference is accurate and based on my own knowledge of the apprentice's work. I have described what the apprentice did; I have not graded or rated them.";

    public List<ReferenceSectionInput> Sections { get; set; } = [];

    [Display(Name = "Referee's name")]
    public string? RefereeName { get; set; }

    [Display(Name = "Referee's job title")]
    public string? RefereeJobTitle { get; set; }

    [Display(Name = "Relationship to the apprentice")]
    public string? RelationshipToApprentice { get; set; }

    [Display(Name = "How long you have supervised the apprentice (months)")]
    public int? MonthsSupervised { get; set; }

    [Display(Name = "Referee's e-mail address")]
    public string? RefereeEmail { get; set; }

    [Display(Name = DeclarationText)]
    public bool DeclarationAccepted { get; set; }

    /// <summary>The version of the reference the form was filled from (optimistic concurrency); empty for a new one.</summary>
    public Guid Version { get; set; }
}

/// <summary>The narrative for one grading area.</summary>
public sealed class ReferenceSectionInput
{
    public string? AreaCode { get; set; }

    [Display(Name = "Narrative with examples")]
    public string? Narrative { get; set; }
}

/// <summary>
/// Submitting needs every rule (the default rule set, which the browser also checks); a draft may be
/// incomplete and only has to fit (the <see cref="Draft"/> rule set).
/// </summary>
public sealed class ReferenceInputModelValidator : AbstractValidator<ReferenceInputModel>
{
    public const string Draft = "Draft";

    public const int MinimumName = 2;
    public const int MinimumRelationship = 3;
    public const int MaximumMonths = 240;

    /// <summary>Letters before and after one @, a dot in the domain, no spaces: the same check in the browser and on the server.</summary>
    public const string EmailPattern = @"^[^@\s]+@[^@\s]+\.[^@\s]+$";

    public const string RefereeNameRequired = "Enter the referee's name.";
    public const string RefereeJobTitleRequired = "Enter the referee's job title.";
    public const string RelationshipRequired = "Describe your relationship to the apprentice, for example \"line manager\".";
    public const string MonthsRequired = "Enter how many months you have supervised the apprentice.";
    public const string EmailRequired = "Enter the referee's e-mail address.";
    public const string EmailFormat = "Enter an e-mail address in the form name@example.com.";
    public const string DeclarationRequired = "Tick the declaration to submit the reference.";
    public static readonly string RefereeNameTooShort = $"The referee's name must be at least {MinimumName} characters.";
    public static readonly string RefereeNameTooLong = $"The referee's name can be at most {FieldLengths.Name} characters.";
    public static readonly string RefereeJobTitleTooShort = $"The job title must be at least {MinimumName} characters.";
    public static readonly string RefereeJobTitleTooLong = $"The job title can be at most {FieldLengths.Name} characters.";
    public static readonly string RelationshipTooShort = $"Describe the relationship in at least {MinimumRelationship} characters.";
    public static readonly string RelationshipTooLong = $"The relationship can be at most {FieldLengths.ShortText} characters.";
    public static readonly string MonthsRange = $"Enter a whole number of months from 1 to {MaximumMonths}.";
    public static readonly string EmailTooLong = $"The e-mail address can be at most {FieldLengths.Email} characters.";

    public ReferenceInputModelValidator()
    {
        RuleForEach(x => x.Sections).SetValidator(new ReferenceSectionInputValidator());
        RuleFor(x => x.RefereeName).NotEmpty().WithMessage(RefereeNameRequired)
            .MinimumLength(MinimumName).WithMessage(RefereeNameTooShort)
            .MaximumLength(FieldLengths.Name).WithMessage(RefereeNameTooLong);
        RuleFor(x => x.RefereeJobTitle).NotEmpty().WithMessage(RefereeJobTitleRequired)
            .MinimumLength(MinimumName).WithMessage(RefereeJobTitleTooShort)
            .MaximumLength(FieldLengths.Name).WithMessage(RefereeJobTitleTooLong);
        RuleFor(x => x.RelationshipToApprentice).NotEmpty().WithMessage(RelationshipRequired)
            .MinimumLength(MinimumRelationship).WithMessage(RelationshipTooShort)
            .MaximumLength(FieldLengths.ShortText).WithMessage(RelationshipTooLong);
        RuleFor(x => x.MonthsSupervised).NotNull().WithMessage(MonthsRequired)
            .InclusiveBetween(1, MaximumMonths).WithMessage(MonthsRange);
        RuleFor(x => x.RefereeEmail).NotEmpty().WithMessage(EmailRequired)
            .Matches(EmailPattern).WithMessage(EmailFormat)
            .MaximumLength(FieldLengths.Email).WithMessage(EmailTooLong);
        RuleFor(x => x.DeclarationAccepted).Equal(true).WithMessage(DeclarationRequired);

        RuleSet(Draft, () =>
        {
            RuleForEach(x => x.Sections).SetValidator(new ReferenceSectionInputValidator());
            RuleFor(x => x.RefereeName).MaximumLength(FieldLengths.Name).WithMessage(RefereeNameTooLong);
            RuleFor(x => x.RefereeJobTitle).MaximumLength(FieldLengths.Name).WithMessage(RefereeJobTitleTooLong);
            RuleFor(x => x.RelationshipToApprentice).MaximumLength(FieldLengths.ShortText).WithMessage(RelationshipTooLong);
            RuleFor(x => x.MonthsSupervised).InclusiveBetween(1, MaximumMonths).When(x => x.MonthsSupervised is not null).WithMessage(MonthsRange);
            RuleFor(x => x.RefereeEmail).Matches(EmailPattern).When(x => !string.IsNullOrEmpty(x.RefereeEmail)).WithMessage(EmailFormat)
                .MaximumLength(FieldLengths.Email).WithMessage(EmailTooLong);
        });
    }
}

public sealed class ReferenceSectionInputValidator : AbstractValidator<ReferenceSectionInput>
{
    public const int MinimumNarrative = 150;

    public const string NarrativeRequired = "Describe how the apprentice showed this area at work, with real examples.";
    public static readonly string NarrativeTooShort = $"Write at least {MinimumNarrative} characters: describe real examples from the apprentice's work.";
    public static readonly string NarrativeTooLong = $"This section can be at most {FieldLengths.Narrative} characters.";

    public ReferenceSectionInputValidator()
    {
        RuleFor(x => x.Narrative).NotEmpty().WithMessage(NarrativeRequired)
            .MinimumLength(MinimumNarrative).WithMessage(NarrativeTooShort)
            .MaximumLength(FieldLengths.Narrative).WithMessage(NarrativeTooLong);

        RuleSet(ReferenceInputModelValidator.Draft, () =>
            RuleFor(x => x.Narrative).MaximumLength(FieldLengths.Narrative).WithMessage(NarrativeTooLong));
    }
}

/// <summary>An admin re-opens a submitted reference for the employer to change.</summary>
public sealed class ReopenReferenceInput
{
    [Display(Name = "Why is the reference being reopened?")]
    public string? Reason { get; set; }
}

public sealed class ReopenReferenceInputValidator : AbstractValidator<ReopenReferenceInput>
{
    public const int MinimumReason = 10;
    public const string ReasonRequired = "Give the reason for reopening the reference; the employer will see it.";
    public static readonly string ReasonTooShort = $"Write at least {MinimumReason} characters so the employer knows what to change.";
    public static readonly string ReasonTooLong = $"The reason can be at most {FieldLengths.Reason} characters.";

    public ReopenReferenceInputValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage(ReasonRequired)
            .MinimumLength(MinimumReason).WithMessage(ReasonTooShort)
            .MaximumLength(FieldLengths.Reason).WithMessage(ReasonTooLong);
    }
}
