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
/// <remarks>
/// A booking (<see cref="LoadForBookingAsync"/>) reads the diary row tracked and bumps its version in the
/// booking's own save, so the bookings of one assessor are serialised: of two made at the same instant from the
/// same free times, the second's save finds the row changed and saves nothing (a concurrency conflict), and the
/// person is asked to choose another slot (ADR 21).
/// </remarks>
public sealed class BookingDiary(PortalDbContext db)
{
    /// <summary>The longest interview a booking can overlap from before the range (twice the plan's maximum).</summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromMinutes(2 * Domain.Standards.StandardSettings.MaxInterviewMinutesAllowed);

    public async Task<BookingDiaryFacts> LoadAsync(int caseId, string? assessorId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var diary = assessorId is null ? null : await db.AssessorDiaries.AsNoTracking()
            .Where(d => d.AssessorId == assessorId)
            .Select(d => new { d.WeeklyHours, d.Leave })
            .FirstOrDefaultAsync(cancellationToken);
        return await WithBusyTimesAsync(caseId, assessorId, diary is null ? Availability.Of(null) : new Availability(diary.WeeklyHours, diary.Leave), from, to, cancellationToken);
    }

    /// <summary>
    /// The same facts for a booking that will be saved: the assessor's diary row is read tracked (an assessor
    /// without one gets the default row, added) and its version is bumped in the booking's save, which fails as a
    /// concurrency conflict if another booking of the assessor was saved since (true when a row was added: a
    /// second insert of the same row fails as a duplicate key instead).
    /// </summary>
    public async Task<(BookingDiaryFacts Facts, bool DiaryAdded)> LoadForBookingAsync(int caseId, string? assessorId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (assessorId is null)
        {
            return (await WithBusyTimesAsync(caseId, null, Availability.Of(null), from, to, cancellationToken), false);
        }

        var diary = await db.AssessorDiaries.FirstOrDefaultAsync(d => d.AssessorId == assessorId, cancellationToken);
        var added = diary is null;
        if (diary is null)
        {
            diary = new AssessorDiary(assessorId);
            db.AssessorDiaries.Add(diary);
        }
        else
        {
            // Saved with the booking: the context gives the row a new version, checked against the one read here.
            db.Entry(diary).Property(d => d.Version).IsModified = true;
        }

        return (await WithBusyTimesAsync(caseId, assessorId, new Availability(diary.WeeklyHours, diary.Leave), from, to, cancellationToken), added);
    }

    private async Task<BookingDiaryFacts> WithBusyTimesAsync(int caseId, string? assessorId, Availability availability, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var earliest = from - Lookback;
        var apprenticeId = db.Cases.Where(c => c.Id == caseId).Select(c => c.ApprenticeId);
        var busy = await (
                from i in db.Interviews.AsNoTracking()
                join o in db.Cases on i.CaseId equals o.Id
                where i.CompletedAt == null && i.StartsAt > earliest && i.StartsAt < to && i.CaseId != caseId
                      && o.State == CaseState.InterviewScheduled && i.Attempt == o.Attempt
                      && ((assessorId != null && o.AssessorId == assessorId) || apprenticeId.Contains(o.ApprenticeId))
                select new { i.CaseId, i.StartsAt, i.DurationMinutes, SameAssessor = assessorId != null && o.AssessorId == assessorId })
            .ToListAsync(cancellationToken);

        return new BookingDiaryFacts(availability, busy
            .Select(b => new BusyTime(
                b.StartsAt, b.StartsAt.AddMinutes(b.DurationMinutes),
                b.SameAssessor ? BusyOwner.Assessor : BusyOwner.Apprentice,
                $"case {b.CaseId}"))
            .ToList());
    }
}
