using EpaPortal.Domain.Common;
using FluentValidation;

namespace EpaPortal.Web.Features.Project;

public sealed record DeliverableRow(Guid FileId, string FileName, long SizeBytes, DateTimeOffset UploadedAt);

/// <summary>The apprentice's project page. The brief is null until the window opens.</summary>
public sealed record ProjectPageViewModel(
    bool Scheduled,
    DateTimeOffset? WindowOpensAt,
    DateTimeOffset? WindowClosesAt,
    DateTimeOffset? EffectiveClose,
    string? ExtensionReason,
    string? BriefTitle,
    string? BriefText,
    bool IsOpen,
    DateTimeOffset? SubmittedAt,
    string? TimeLeft,
    IReadOnlyList<DeliverableRow> Deliverables,
    ProjectSummaryInput Summary,
    string Accept,
    string AllowedTypes,
    int MaxFileMegabytes)
{
    public bool BriefVisible => BriefText is not null;

    public bool Closed => Scheduled && SubmittedAt is null && BriefVisible && !IsOpen;
}

public sealed class ProjectSummaryInput
{
    public string? Text { get; set; }

    public Guid Version { get; set; }
}

public sealed class ProjectSummaryValidator : AbstractValidator<ProjectSummaryInput>
{
    public ProjectSummaryValidator()
    {
        RuleFor(x => x.Text).NotEmpty().WithMessage("Write a short summary of what you built and how.")
            .MaximumLength(FieldLengths.Narrative).WithMessage($"The summary must be {FieldLengths.Narrative} characters or fewer.");
    }
}
