using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Scheduling;

/// <summary>What booking an interview reads of the diaries: the allocated assessor's hours and leave, and the
/// other interviews of the assessor and of the apprentice around the dates offered.</summary>
public sealed record BookingDiaryFacts(Availability Availability, IReadOnlyList<BusyTime> Busy);

/// <summary>
/// Loads <see cref="BookingDiaryFacts"/> for one case in two commands (issue 18, item 4): the diary row of the
/// case's assessor, and every other interview still to be held (its case is InterviewScheduled) of a case with
/// the same assessor or the same apprentice, starting between <c>from</c> (less the longest interview) and
/// <c>to</c>. The second is a plain join with the case's ids as parameters: a correlated collection with an
/// OR needs SQL APPLY, which SQLite lacks.
/// </summary>
public sealed class BookingDiary(PortalDbContext db)
{
    /// <summary>The longest interview a booking can overlap from before the range (twice the plan's maximum).</summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromMinutes(2 * Domain.Standards.StandardSettings.MaxInterviewMinutesAllowed);

    public async Task<BookingDiaryFacts> LoadAsync(int caseId, string? assessorId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var earliest = from - Lookback;
        var diary = assessorId is null ? null : await db.AssessorDiaries.AsNoTracking()
            .Where(d => d.AssessorId == assessorId)
            .Select(d => new { d.WeeklyHours, d.Leave })
            .FirstOrDefaultAsync(cancellationToken);
        var apprenticeId = db.Cases.Where(c => c.Id == caseId).Select(c => c.ApprenticeId);
        var busy = await (
                from i in db.Interviews.AsNoTracking()
                join o in db.Cases on i.CaseId equals o.Id
                where i.CompletedAt == null && i.StartsAt > earliest && i.StartsAt < to && i.CaseId != caseId
                      && o.State == CaseState.InterviewScheduled && i.Attempt == o.Attempt
                      && ((assessorId != null && o.AssessorId == assessorId) || apprenticeId.Contains(o.ApprenticeId))
                select new { i.CaseId, i.StartsAt, i.DurationMinutes, SameAssessor = assessorId != null && o.AssessorId == assessorId })
            .ToListAsync(cancellationToken);

        var availability = diary is null ? Availability.Of(null) : new Availability(diary.WeeklyHours, diary.Leave);
        return new BookingDiaryFacts(availability, busy
            .Select(b => new BusyTime(
                b.StartsAt, b.StartsAt.AddMinutes(b.DurationMinutes),
                b.SameAssessor ? BusyOwner.Assessor : BusyOwner.Apprentice,
                $"case {b.CaseId}"))
            .ToList());
    }
}
