using EpaPortal.Domain.Common;
using EpaPortal.Web.Infrastructure.DateInput;
using FluentValidation;

namespace EpaPortal.Web.Features.Portfolio;

/// <summary>What the apprentice says about one piece of evidence.</summary>
public class EvidenceDetailsInput
{
    /// <summary>The prefix of the upload form's detail fields.</summary>
    public const string FieldPrefix = "Details.";

    private const string WorkDateName = "Date of the work";

    public string? Title { get; set; }

    public string? Description { get; set; }

    /// <summary>The real work project the evidence came from.</summary>
    public string? ProjectName { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Date of the work")]
    public DateOnly? WorkDate { get; set; }

    /// <summary>The day, month and year as typed in an upload form (read by hand, not bound), for the redisplay and the message.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    [Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidateNever]
    public Infrastructure.DateInput.DateParts? WorkDateParts { get; set; }

    /// <summary>Reads the details from an upload's form fields (field names as in the form).</summary>
    /// <remarks>The form names them <c>Details.Title</c> etc.; the plain names are accepted too.</remarks>
    public static EvidenceDetailsInput FromFields(IReadOnlyDictionary<string, string> fields)
    {
        string? Field(string name) => fields.GetValueOrDefault(FieldPrefix + name) ?? fields.GetValueOrDefault(name);

        // The form sends Details.WorkDate.Day / .Month / .Year; a client may send WorkDate as yyyy-MM-dd.
        var workDate = DateParts.FromFields(fields, FieldPrefix + nameof(WorkDate), WorkDateName, out var parts);
        if (parts is null && workDate is null)
        {
            workDate = DateParts.FromFields(fields, nameof(WorkDate), WorkDateName, out parts);
        }

        return new()
        {
            Title = Field(nameof(Title)),
            Description = Field(nameof(Description)),
            ProjectName = Field(nameof(ProjectName)),
            WorkDate = workDate,
            WorkDateParts = parts,
        };
    }

    /// <summary>An upload may leave the title blank: each file's name (without extension) is used.</summary>
    public EvidenceDetailsInput WithTitleFrom(string fileName) => new()
    {
        Title = string.IsNullOrWhiteSpace(Title) ? Path.GetFileNameWithoutExtension(fileName) : Title,
        Description = Description,
        ProjectName = ProjectName,
        WorkDate = WorkDate,
        WorkDateParts = WorkDateParts,
    };
}

public sealed class EvidenceDetailsValidator : AbstractValidator<EvidenceDetailsInput>
{
    public EvidenceDetailsValidator(TimeProvider clock)
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage("Enter a title for the evidence.")
            .MaximumLength(FieldLengths.Title).WithMessage($"The title must be {FieldLengths.Title} characters or fewer.");
        RuleFor(x => x.Description).NotEmpty().WithMessage("Describe the work this evidence shows.")
            .MaximumLength(FieldLengths.Description).WithMessage($"The description must be {FieldLengths.Description} characters or fewer.");
        RuleFor(x => x.ProjectName).NotEmpty().WithMessage("Name the real work project the evidence came from.")
            .MaximumLength(FieldLengths.Title).WithMessage($"The project name must be {FieldLengths.Title} characters or fewer.");
        RuleFor(x => x.WorkDate).NotNull().WithMessage("Enter the date of the work (for example 14 3 2026).")
            .Must(date => date is null || date.Value <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1))
            .WithMessage("The date of the work cannot be in the future.");
    }
}

/// <summary>Editing an evidence item's details; the version guards against a stale form.</summary>
public sealed class EditEvidenceInput : EvidenceDetailsInput
{
    public Guid Version { get; set; }
}

public sealed class EditEvidenceValidator : AbstractValidator<EditEvidenceInput>
{
    public EditEvidenceValidator(TimeProvider clock)
    {
        Include(new EvidenceDetailsValidator(clock));
    }
}

/// <summary>The competencies and behaviours an item shows.</summary>
public sealed class MapEvidenceInput
{
    public List<int> CompetencyIds { get; set; } = [];

    public Guid Version { get; set; }
}

public sealed class SubmitPortfolioInput
{
    /// <summary>"This portfolio is my own work."</summary>
    public bool OwnWorkDeclaration { get; set; }

    /// <summary>Submit although some competencies have no evidence.</summary>
    public bool ConfirmGaps { get; set; }
}

public sealed class SubmitPortfolioValidator : AbstractValidator<SubmitPortfolioInput>
{
    public SubmitPortfolioValidator()
    {
        RuleFor(x => x.OwnWorkDeclaration).Equal(true).WithMessage("Confirm that the portfolio is your own work.");
    }
}
