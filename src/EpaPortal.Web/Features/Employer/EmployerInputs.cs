using System.ComponentModel.DataAnnotations;
using EpaPortal.Domain.Common;
using FluentValidation;

namespace EpaPortal.Web.Features.Employer;

/// <summary>The employer confirms the submitted portfolio is the apprentice's own work.</summary>
public sealed class PortfolioConfirmInput
{
    [Display(Name = "Your name")]
    public string? Name { get; set; }

    [Display(Name = "Your job title")]
    public string? JobTitle { get; set; }

    [Display(Name = "I confirm that the evidence in this portfolio is the apprentice's own work, produced at work")]
    public bool Declaration { get; set; }
}

public sealed class PortfolioConfirmInputValidator : AbstractValidator<PortfolioConfirmInput>
{
    public const string NameRequired = "Enter your name.";
    public const string JobTitleRequired = "Enter your job title.";
    public const string DeclarationRequired = "Tick the declaration to confirm the portfolio is the apprentice's own work.";
    public static readonly string NameTooLong = $"Your name can be at most {FieldLengths.Name} characters.";
    public static readonly string JobTitleTooLong = $"Your job title can be at most {FieldLengths.Name} characters.";

    public PortfolioConfirmInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage(NameRequired).MaximumLength(FieldLengths.Name).WithMessage(NameTooLong);
        RuleFor(x => x.JobTitle).NotEmpty().WithMessage(JobTitleRequired).MaximumLength(FieldLengths.Name).WithMessage(JobTitleTooLong);
        RuleFor(x => x.Declaration).Equal(true).WithMessage(DeclarationRequired);
    }
}

/// <summary>The employer returns the submitted portfolio to the apprentice with a reason.</summary>
public sealed class PortfolioReturnInput
{
    [Display(Name = "Why are you returning the portfolio?")]
    public string? Reason { get; set; }
}

public sealed class PortfolioReturnInputValidator : AbstractValidator<PortfolioReturnInput>
{
    public const int MinimumReason = 10;
    public const string ReasonRequired = "Say why you are returning the portfolio, so the apprentice knows what to change.";
    public static readonly string ReasonTooShort = $"Write at least {MinimumReason} characters so the apprentice knows what to change.";
    public static readonly string ReasonTooLong = $"The reason can be at most {FieldLengths.Reason} characters.";

    public PortfolioReturnInputValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage(ReasonRequired)
            .MinimumLength(MinimumReason).WithMessage(ReasonTooShort)
            .MaximumLength(FieldLengths.Reason).WithMessage(ReasonTooLong);
    }
}

/// <summary>One of the employer's entry requirements met by the apprentice (a GCSE, an aptitude test...).</summary>
public sealed class EntryQualificationInput
{
    /// <summary>The kinds offered; stored as text so an EPAO can add more later without a migration.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["GCSE", "A level", "BTEC", "Functional Skills", "Aptitude test", "Other qualification"];

    [Display(Name = "Kind")]
    public string? Kind { get; set; }

    [Display(Name = "Subject, qualification or test")]
    public string? Subject { get; set; }

    [Display(Name = "Grade or result (optional)")]
    public string? Grade { get; set; }

    [Display(Name = "Date achieved")]
    public DateOnly? AchievedOn { get; set; }
}

public sealed class EntryQualificationInputValidator : AbstractValidator<EntryQualificationInput>
{
    public const string KindRequired = "Choose the kind of qualification or test.";
    public const string SubjectRequired = "Enter the subject, qualification or test.";
    public const string AchievedInFuture = "The date achieved cannot be in the future.";
    public static readonly string SubjectTooLong = $"The subject can be at most {FieldLengths.Title} characters.";
    public static readonly string GradeTooLong = $"The grade or result can be at most {FieldLengths.Code} characters.";

    public EntryQualificationInputValidator(TimeProvider clock)
    {
        RuleFor(x => x.Kind).NotEmpty().WithMessage(KindRequired)
            .Must(k => EntryQualificationInput.Kinds.Contains(k!)).When(x => !string.IsNullOrEmpty(x.Kind), ApplyConditionTo.CurrentValidator).WithMessage(KindRequired);
        RuleFor(x => x.Subject).NotEmpty().WithMessage(SubjectRequired).MaximumLength(FieldLengths.Title).WithMessage(SubjectTooLong);
        RuleFor(x => x.Grade).MaximumLength(FieldLengths.Code).WithMessage(GradeTooLong);
        RuleFor(x => x.AchievedOn)
            .Must(d => d <= DateOnly.FromDateTime(Infrastructure.UkTime.ToUk(clock.GetUtcNow()).DateTime))
            .When(x => x.AchievedOn is not null).WithMessage(AchievedInFuture);
    }
}
