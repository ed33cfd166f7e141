using EpaPortal.Web.Features.Cases;
using EpaPortal.Domain.Common;
using FluentValidation;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>The project brief and window the assessor sets for the current attempt (UK local times).</summary>
public sealed class ProjectBriefInput
{
    public string? Title { get; set; }

    public string? Text { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Date the window opens")]
    public DateOnly? OpensOn { get; set; }

    public TimeOnly? OpensAt { get; set; }

    /// <summary>Empty: the window lasts the standard's project window (working days).</summary>
    [System.ComponentModel.DataAnnotations.Display(Name = "Date the window closes")]
    public DateOnly? ClosesOn { get; set; }

    public TimeOnly? ClosesAt { get; set; }

    /// <summary>The version of the brief being edited (null when setting it the first time).</summary>
    public Guid? Version { get; set; }

    /// <summary>An admin's reason for scheduling against the plan's timing rules (ignored for anyone else).</summary>
    public string? OverrideReason { get; set; }
}

public sealed class ProjectBriefInputValidator : AbstractValidator<ProjectBriefInput>
{
    public ProjectBriefInputValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage("Give the brief a title.")
            .MaximumLength(FieldLengths.Title).WithMessage($"The title can be at most {FieldLengths.Title} characters.");
        RuleFor(x => x.Text).NotEmpty().WithMessage("Write the brief.")
            .MaximumLength(FieldLengths.LongText).WithMessage($"The brief can be at most {FieldLengths.LongText} characters.");
        RuleFor(x => x.OpensOn).NotNull().WithMessage("Give the day the window opens.");
        RuleFor(x => x.OpensAt).NotNull().WithMessage("Give the time the window opens.");
        RuleFor(x => x.ClosesAt).NotNull().When(x => x.ClosesOn is not null)
            .WithMessage("Give the time the window closes, or leave both closing fields empty for the standard length.");
        RuleFor(x => x.ClosesOn).NotNull().When(x => x.ClosesAt is not null)
            .WithMessage("Give the day the window closes, or leave both closing fields empty for the standard length.");
        RuleFor(x => x.OverrideReason).MaximumLength(FieldLengths.Reason).WithMessage($"The reason for the override can be at most {FieldLengths.Reason} characters.");
    }
}

public sealed record DeliverableRow(Guid FileId, string FileName, string ContentType, long SizeBytes, DateTimeOffset UploadedAt)
{
    public bool CanPreview => EvidencePreview.IsPreviewable(ContentType);
}

/// <summary>The current attempt's project as staff see it (the brief even before the window opens).</summary>
public sealed record ProjectSummary(
    string BriefTitle,
    string BriefText,
    DateTimeOffset WindowOpensAt,
    DateTimeOffset WindowClosesAt,
    DateTimeOffset? ExtendedUntil,
    string? ExtensionReason,
    DateTimeOffset? SubmittedAt,
    string? Summary,
    IReadOnlyList<DeliverableRow> Deliverables);

public sealed record ProjectBriefViewModel(
    CaseAccessInfo Header,
    ProjectSummary? Project,
    bool CanSet,
    string? CannotSetReason,
    int WindowWorkingDays,
    ProjectBriefInput Input,
    string? TimingRules = null);
