using EpaPortal.Domain.Scheduling;
using EpaPortal.Web.Infrastructure;
using FluentValidation;

namespace EpaPortal.Web.Features.Scheduling;

/// <summary>One day of the assessor's working week on the availability form.</summary>
public sealed class DayHoursInput
{
    public DayOfWeek Day { get; set; }

    public bool Works { get; set; }

    public TimeOnly? Starts { get; set; }

    public TimeOnly? Ends { get; set; }
}

/// <summary>The assessor's recurring weekly hours (Monday to Sunday, UK time).</summary>
public sealed class WeeklyHoursInput
{
    public List<DayHoursInput> Days { get; set; } = [];

    public static WeeklyHoursInput From(IReadOnlyList<WorkingHours> hours) => new()
    {
        Days = [.. AvailabilityViewModel.Week.Select(day => hours.FirstOrDefault(h => h.Day == day) is { } worked
            ? new DayHoursInput { Day = day, Works = true, Starts = worked.Starts, Ends = worked.Ends }
            : new DayHoursInput { Day = day, Works = false, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(17, 0) })],
    };

    public IReadOnlyList<WorkingHours> ToHours() =>
        [.. Days.Where(d => d.Works && d.Starts is not null && d.Ends is not null).Select(d => new WorkingHours(d.Day, d.Starts!.Value, d.Ends!.Value))];
}

public sealed class WeeklyHoursInputValidator : AbstractValidator<WeeklyHoursInput>
{
    public WeeklyHoursInputValidator()
    {
        RuleFor(x => x.Days).Must(days => days.Count == 7 && days.Select(d => d.Day).Distinct().Count() == 7)
            .WithMessage("Give the hours of each day of the week once.");
        RuleFor(x => x.Days).Must(days => days.Any(d => d.Works))
            .WithMessage("Tick at least one day you work: with none, no interview can be booked with you.");
        RuleForEach(x => x.Days).ChildRules(day =>
        {
            day.RuleFor(d => d.Starts).NotNull().When(d => d.Works).WithMessage(d => $"{d.Day}: give the time you start.");
            day.RuleFor(d => d.Ends).NotNull().When(d => d.Works).WithMessage(d => $"{d.Day}: give the time you finish.");
            day.RuleFor(d => d.Ends).Must((d, ends) => ends > d.Starts).When(d => d.Works && d.Starts is not null && d.Ends is not null)
                .WithMessage(d => $"{d.Day}: the working day must end after it starts ({d.Starts:HH\\:mm} to {d.Ends:HH\\:mm}).");
        });
    }
}

/// <summary>A period of leave or a day off (both days included).</summary>
public sealed class LeaveInput
{
    public const int MaxNoteLength = 200;

    [System.ComponentModel.DataAnnotations.Display(Name = "First day of leave")]
    public DateOnly? FirstDay { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "Last day of leave")]
    public DateOnly? LastDay { get; set; }

    public string? Note { get; set; }
}

public sealed class LeaveInputValidator : AbstractValidator<LeaveInput>
{
    public LeaveInputValidator()
    {
        RuleFor(x => x.FirstDay).NotNull().WithMessage("Give the first day of your leave.");
        RuleFor(x => x.LastDay).NotNull().WithMessage("Give the last day of your leave (the same day for a single day off).");
        RuleFor(x => x.LastDay).Must((x, last) => last >= x.FirstDay).When(x => x.FirstDay is not null && x.LastDay is not null)
            .WithMessage(x => $"The last day ({UkTime.Date(x.LastDay!.Value)}) must be on or after the first day ({UkTime.Date(x.FirstDay!.Value)}).");
        RuleFor(x => x.Note).MaximumLength(LeaveInput.MaxNoteLength).WithMessage($"The note can be at most {LeaveInput.MaxNoteLength} characters.");
    }
}

/// <summary>One booked interview or project window on the assessor's calendar page.</summary>
public sealed record CalendarEntry(int CaseId, string ApprenticeName, string What, DateTimeOffset Starts, DateTimeOffset Ends);

/// <summary>The assessor's availability page: hours, leave, their booked interviews and project windows, the feed.</summary>
public sealed record AvailabilityViewModel(
    WeeklyHoursInput Hours,
    IReadOnlyList<LeaveRange> Leave,
    LeaveInput NewLeave,
    IReadOnlyList<CalendarEntry> Booked,
    DateTimeOffset? FeedCreatedAt,
    string? NewFeedUrl)
{
    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
}
