using System.Security.Cryptography;
using System.Text;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Scheduling;

/// <summary>
/// The signed-in assessor's own diary (issue 18, item 4): recurring weekly hours, leave, the interviews and
/// project windows of their cases on one page, and their private calendar feed (a secret URL whose SHA-256
/// alone is stored; issuing a new one revokes the old). Every change is audited.
/// </summary>
public sealed class AvailabilityService(PortalDbContext db, CurrentUser user, TimeProvider clock, AuditLog audit, PortalLinks links)
{
    public const string HoursChanged = "AvailabilityHoursChanged";
    public const string LeaveAdded = "AvailabilityLeaveAdded";
    public const string LeaveRemoved = "AvailabilityLeaveRemoved";
    public const string FeedIssued = "CalendarFeedIssued";
    public const string FeedRevoked = "CalendarFeedRevoked";

    /// <summary>How far back the calendar page and the feed show past entries.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(60);

    public async Task<AvailabilityViewModel> PageAsync(WeeklyHoursInput? hours, LeaveInput? leave, string? newFeedUrl, CancellationToken cancellationToken)
    {
        var diary = await db.AssessorDiaries.AsNoTracking().FirstOrDefaultAsync(d => d.AssessorId == user.Id, cancellationToken);
        var booked = await CalendarAsync(user.Id, clock.GetUtcNow() - TimeSpan.FromDays(1), cancellationToken);
        return new AvailabilityViewModel(
            hours ?? WeeklyHoursInput.From(diary?.WeeklyHours ?? AssessorDiary.DefaultHours),
            diary?.Leave ?? [],
            leave ?? new LeaveInput(),
            booked,
            diary?.FeedTokenHash is null ? null : diary.FeedCreatedAt,
            newFeedUrl);
    }

    public async Task<IReadOnlyList<string>> SetHoursAsync(WeeklyHoursInput input, CancellationToken cancellationToken)
    {
        var diary = await DiaryAsync(cancellationToken);
        var problems = diary.SetHours(input.ToHours());
        if (problems.Count == 0)
        {
            audit.Add(HoursChanged, null, string.Join("; ", diary.WeeklyHours.Select(h => $"{h.Day} {h.Starts:HH\\:mm}–{h.Ends:HH\\:mm}")));
            await db.SaveChangesAsync(cancellationToken);
        }

        return problems;
    }

    public async Task<IReadOnlyList<string>> AddLeaveAsync(LeaveInput input, CancellationToken cancellationToken)
    {
        var diary = await DiaryAsync(cancellationToken);
        var problems = diary.AddLeave(new LeaveRange(input.FirstDay!.Value, input.LastDay!.Value, input.Note));
        if (problems.Count == 0)
        {
            audit.Add(LeaveAdded, null, $"{input.FirstDay:yyyy-MM-dd} to {input.LastDay:yyyy-MM-dd}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return problems;
    }

    public async Task<bool> RemoveLeaveAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var diary = await DiaryAsync(cancellationToken);
        if (!diary.RemoveLeave(firstDay, lastDay))
        {
            return false;
        }

        audit.Add(LeaveRemoved, null, $"{firstDay:yyyy-MM-dd} to {lastDay:yyyy-MM-dd}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Issues a new feed secret (the old URL stops working) and returns the URL, shown once.</summary>
    public async Task<string> IssueFeedAsync(CancellationToken cancellationToken)
    {
        var diary = await DiaryAsync(cancellationToken);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        diary.IssueFeedToken(Hash(token), clock.GetUtcNow());
        audit.Add(FeedIssued, null, "A new calendar feed address was issued; any earlier one stopped working.");
        await db.SaveChangesAsync(cancellationToken);
        return links.Absolute(FeedPath(token)).AbsoluteUri;
    }

    public async Task RevokeFeedAsync(CancellationToken cancellationToken)
    {
        var diary = await DiaryAsync(cancellationToken);
        if (diary.FeedTokenHash is null)
        {
            return;
        }

        diary.RevokeFeed();
        audit.Add(FeedRevoked, null, "The calendar feed address was revoked.");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The feed of the assessor whose secret this is, or null (unknown or revoked token).</summary>
    public async Task<string?> FeedAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var assessorId = await db.AssessorDiaries.AsNoTracking().Where(d => d.FeedTokenHash == hash).Select(d => d.AssessorId).FirstOrDefaultAsync(cancellationToken);
        if (assessorId is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var entries = await FeedEntriesAsync(assessorId, now - History, cancellationToken);
        return CalendarFeed.Build(entries, links, now);
    }

    public static string FeedPath(string token) => $"/calendar/{token}.ics";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<IReadOnlyList<CalendarEntry>> CalendarAsync(string assessorId, DateTimeOffset from, CancellationToken cancellationToken) =>
        [.. (await FeedEntriesAsync(assessorId, from, cancellationToken)).Where(e => !e.Cancelled)
            .Select(e => new CalendarEntry(e.CaseId, e.ApprenticeName, e.IsInterview ? "Interview" : "Project window", e.Starts, e.Ends))
            .OrderBy(e => e.Starts)];

    /// <summary>The interviews and project windows of the current attempt of every case allocated to the
    /// assessor that end after <paramref name="since"/> (two commands). A withdrawn case's interview is cancelled.</summary>
    private async Task<IReadOnlyList<FeedEntry>> FeedEntriesAsync(string assessorId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var earliestStart = since - TimeSpan.FromDays(1);
        var interviews = await (
                from i in db.Interviews.AsNoTracking()
                join c in db.Cases on i.CaseId equals c.Id
                where c.AssessorId == assessorId && i.Attempt == c.Attempt && i.StartsAt > earliestStart
                select new { i.CaseId, i.StartsAt, i.DurationMinutes, i.CalendarUid, i.CalendarSequence, c.State, c.Apprentice!.GivenNames, c.Apprentice.FamilyName })
            .ToListAsync(cancellationToken);
        var projects = await (
                from p in db.ProjectSubmissions.AsNoTracking()
                join c in db.Cases on p.CaseId equals c.Id
                where c.AssessorId == assessorId && p.Attempt == c.Attempt && (p.ExtendedUntil ?? p.WindowClosesAt) > since
                select new { p.Id, p.CaseId, p.Attempt, p.WindowOpensAt, p.WindowClosesAt, p.ExtendedUntil, c.State, c.Apprentice!.GivenNames, c.Apprentice.FamilyName })
            .ToListAsync(cancellationToken);
        return
        [
            .. interviews.Select(i => new FeedEntry(
                i.CalendarUid.ToString("D"), i.CalendarSequence, i.CaseId, $"{i.GivenNames} {i.FamilyName}", true,
                i.StartsAt, i.StartsAt.AddMinutes(i.DurationMinutes), i.State == CaseState.Withdrawn)),
            .. projects.Select(p => new FeedEntry(
                $"project-{p.CaseId}-{p.Attempt}@epaportal", 0, p.CaseId, $"{p.GivenNames} {p.FamilyName}", false,
                p.WindowOpensAt, p.ExtendedUntil ?? p.WindowClosesAt, p.State == CaseState.Withdrawn)),
        ];
    }

    private async Task<AssessorDiary> DiaryAsync(CancellationToken cancellationToken)
    {
        var diary = await db.AssessorDiaries.FirstOrDefaultAsync(d => d.AssessorId == user.Id, cancellationToken);
        if (diary is null)
        {
            diary = new AssessorDiary(user.Id);
            db.AssessorDiaries.Add(diary);
        }

        return diary;
    }
}

/// <summary>One event of the assessor's feed: only times, the case reference and the apprentice's name.</summary>
public sealed record FeedEntry(string Uid, int Sequence, int CaseId, string ApprenticeName, bool IsInterview, DateTimeOffset Starts, DateTimeOffset Ends, bool Cancelled);
