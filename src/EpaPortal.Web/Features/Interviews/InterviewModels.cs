using EpaPortal.Web.Features.Cases;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Assessor;
using FluentValidation;

namespace EpaPortal.Web.Features.Interviews;

/// <summary>Booking or moving the interview (UK local date and time).</summary>
public sealed class BookingInput
{
    /// <summary>One of the free slots offered ("yyyy-MM-ddTHH:mm", UK local time): it sets <see cref="Day"/> and <see cref="Time"/>.</summary>
    public string? Slot { get; set; }

    public DateOnly? Day { get; set; }

    public TimeOnly? Time { get; set; }

    public int? DurationMinutes { get; set; }

    public InterviewMode? Mode { get; set; }

    /// <summary>An address for an interview in person, or the video link.</summary>
    public string? Location { get; set; }

    /// <summary>Required when moving a booked interview (it goes to the apprentice and employer with the new time).</summary>
    public string? Reason { get; set; }

    /// <summary>The version of the booking being moved.</summary>
    public Guid? Version { get; set; }

    /// <summary>An admin's reason for booking against the plan's timing rules (ignored for anyone else).</summary>
    public string? OverrideReason { get; set; }

    /// <summary>Takes the day and time from the chosen slot, when one was chosen.</summary>
    public void ApplySlot()
    {
        if (!string.IsNullOrWhiteSpace(Slot)
            && DateTime.TryParseExact(Slot, "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
        {
            Day = DateOnly.FromDateTime(local);
            Time = TimeOnly.FromDateTime(local);
        }
    }
}

public sealed class BookingInputValidator : AbstractValidator<BookingInput>
{
    public BookingInputValidator()
    {
        RuleFor(x => x.Day).NotNull().WithMessage("Choose a free slot, or give the day of the interview.");
        RuleFor(x => x.Time).NotNull().When(x => x.Day is not null).WithMessage("Give the time the interview starts.");
        RuleFor(x => x.DurationMinutes).NotNull().WithMessage("Give the length of the interview in minutes.")
            .InclusiveBetween(1, Domain.Standards.StandardSettings.MaxInterviewMinutesAllowed)
            .WithMessage($"The interview lasts between 1 and {Domain.Standards.StandardSettings.MaxInterviewMinutesAllowed} minutes.");
        RuleFor(x => x.Mode).NotNull().WithMessage("Choose in person or by video.").IsInEnum();
        RuleFor(x => x.Location).NotEmpty().WithMessage("Give the address, or the video link.")
            .MaximumLength(FieldLengths.ShortText).WithMessage($"The address or link can be at most {FieldLengths.ShortText} characters.");
        RuleFor(x => x.Location)
            .Must(l => Uri.TryCreate(l?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            .When(x => x.Mode == InterviewMode.VideoCall && !string.IsNullOrWhiteSpace(x.Location))
            .WithMessage("A video interview needs its link, starting https://.");
        RuleFor(x => x.Reason).MaximumLength(FieldLengths.Reason).WithMessage($"The reason can be at most {FieldLengths.Reason} characters.");
        RuleFor(x => x.OverrideReason).MaximumLength(FieldLengths.Reason).WithMessage($"The reason for the override can be at most {FieldLengths.Reason} characters.");
    }
}

/// <summary>The record of the interview: each question asked or not, with the answer and what it evidenced.</summary>
public sealed class RecordInput
{
    /// <summary>The version of the interview the form was built from.</summary>
    public Guid? Version { get; set; }

    public List<RecordQuestionInput> Questions { get; set; } = [];

    /// <summary>Questions asked that were not planned (empty rows are ignored).</summary>
    public List<UnplannedQuestionInput> Unplanned { get; set; } = [];

    /// <summary>Set by the "mark completed" button.</summary>
    public bool Complete { get; set; }

    /// <summary>Why the interview ended far sooner than booked (asked for when it did).</summary>
    public string? EarlyEndReason { get; set; }
}

public sealed class RecordQuestionInput
{
    public int Id { get; set; }

    /// <summary>Null: not recorded yet.</summary>
    public bool? Asked { get; set; }

    public string? AnswerSummary { get; set; }

    public List<int> EvidencedCompetencyIds { get; set; } = [];
}

public sealed class UnplannedQuestionInput
{
    public string? Text { get; set; }

    public string? AnswerSummary { get; set; }

    public List<int> EvidencedCompetencyIds { get; set; } = [];
}

public sealed class RecordInputValidator : AbstractValidator<RecordInput>
{
    public RecordInputValidator()
    {
        RuleFor(x => x.EarlyEndReason).MaximumLength(FieldLengths.Reason).WithMessage($"The reason the interview ended early can be at most {FieldLengths.Reason} characters.");
        RuleForEach(x => x.Questions).ChildRules(q =>
            q.RuleFor(x => x.AnswerSummary).MaximumLength(FieldLengths.Narrative).WithMessage($"An answer summary can be at most {FieldLengths.Narrative} characters."));
        RuleForEach(x => x.Unplanned).ChildRules(q =>
        {
            q.RuleFor(x => x.Text).MaximumLength(FieldLengths.Description).WithMessage($"A question can be at most {FieldLengths.Description} characters.");
            q.RuleFor(x => x.Text).NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.AnswerSummary)).WithMessage("Write the question that was asked.");
            q.RuleFor(x => x.AnswerSummary).NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.Text)).WithMessage("Summarise the answer to the question.")
                .MaximumLength(FieldLengths.Narrative).WithMessage($"An answer summary can be at most {FieldLengths.Narrative} characters.");
        });
    }
}

public sealed record BookingSummary(
    DateTimeOffset StartsAt,
    int DurationMinutes,
    InterviewMode Mode,
    string Location,
    int CalendarSequence,
    string? LastRescheduleReason,
    DateTimeOffset? CompletedAt,
    Guid Version);

public sealed record RecordRow(int Index, int Id, int Order, string Text, QuestionOrigin Origin, IReadOnlyList<CompetencyInfo> Probes, RecordQuestionInput Input);

public sealed record InterviewViewModel(
    CaseAccessInfo Header,
    StandardOutline Outline,
    BookingSummary? Booking,
    bool CanBook,
    bool CanReschedule,
    bool CanRecord,
    bool CanComplete,
    string? RecordWaitReason,
    BookingInput BookingInput,
    IReadOnlyList<RecordRow> Rows,
    RecordInput RecordInput,
    ConflictInfo? Conflict,
    string? TimingRules = null,
    bool AskEarlyEndReason = false)
{
    /// <summary>The allocated assessor's free slots the booking form offers (issue 18, item 4).</summary>
    public IReadOnlyList<Domain.Scheduling.FreeSlot> Slots { get; init; } = [];

    /// <summary>The interview length the slots are for (the form's length).</summary>
    public int SlotMinutes { get; init; }

    /// <summary>The plan's settings with the case's approved adjustments applied.</summary>
    public Domain.Standards.StandardSettings? Settings { get; init; }

    /// <summary>What the approved reasonable adjustments change, or null.</summary>
    public string? AdjustmentNote { get; init; }

    /// <summary>The case's approved reasonable adjustments (kind and effect), shown to the assessor.</summary>
    public IReadOnlyList<Adjustments.ApprovedAdjustment> Adjustments { get; init; } = [];

    public static string ModeLabel(InterviewMode mode) => mode == InterviewMode.InPerson ? "In person" : "Video call";
}
