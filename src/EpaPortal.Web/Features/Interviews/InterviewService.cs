using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Scheduling;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Features.Scheduling;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Interviews;

/// <summary>
/// The structured interview of the current attempt: booking it (PreInterviewReview → InterviewScheduled,
/// guarded by the workflow: initial conclusions and questions first), moving it with a reason, recording
/// each question (asked or not, the answer, the competencies it evidenced) plus unplanned ones, and marking
/// it completed (InterviewScheduled → InterviewCompleted). The apprentice and employer are sent the booking
/// (never the questions) by the notifier, with a calendar invitation.
/// </summary>
public sealed class InterviewService(
    PortalDbContext db,
    StandardVersionCache versions,
    CaseCommands commands,
    CaseWorkflow workflow,
    Notifier notifier,
    NotesService notes,
    TimeProvider clock,
    CurrentUser user,
    BankHolidaySource holidays)
{
    public const string InterviewRescheduled = "InterviewRescheduled";
    public const string InterviewRecorded = "InterviewRecorded";

    public async Task<InterviewViewModel> GetAsync(AssessorCaseHeader header, BookingInput? booking, RecordInput? record, bool conflict, CancellationToken cancellationToken)
    {
        var isRead = booking is null && record is null;
        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var interview = await db.Interviews.AsNoTracking()
            .SingleOrDefaultAsync(i => i.CaseId == header.CaseId && i.Attempt == header.Attempt, cancellationToken);
        var questions = await db.InterviewQuestions.AsNoTracking()
            .Where(q => q.CaseId == header.CaseId && q.Attempt == header.Attempt)
            .OrderBy(q => q.Order)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var bookingSummary = interview is null ? null : new BookingSummary(interview.StartsAt, interview.DurationMinutes, interview.Mode, interview.Location,
            interview.CalendarSequence, interview.LastRescheduleReason, interview.CompletedAt, interview.Version);

        var canManage = (header.IsAllocatedAssessor || header.IsAdmin) && !header.IsOnHold;
        var canBook = canManage && header.State == CaseState.PreInterviewReview;
        var canReschedule = canManage && header.State == CaseState.InterviewScheduled && interview is { CompletedAt: null };
        var (canRecord, waitReason) = RecordState(header, interview, now);
        var canComplete = canRecord && header.State == CaseState.InterviewScheduled;

        if (booking is null)
        {
            booking = new BookingInput { DurationMinutes = outline.Settings.InterviewMinutes, Mode = InterviewMode.VideoCall };
            if (interview is not null && interview.CompletedAt is null)
            {
                var (day, time) = LocalTimes.ToLocal(interview.StartsAt, clock.LocalTimeZone);
                booking = new BookingInput { Day = day, Time = time, DurationMinutes = interview.DurationMinutes, Mode = interview.Mode, Location = interview.Location, Version = interview.Version };
            }
        }

        var savedRecord = FromSaved(interview, questions);
        ConflictInfo? conflictInfo = null;
        if (record is null)
        {
            record = savedRecord;
        }
        else if (conflict)
        {
            conflictInfo = new ConflictInfo(null, Differences(savedRecord, record, questions));
            record.Version = interview?.Version;
        }

        var rows = questions.Select((q, i) => new RecordRow(
                i,
                q.Id,
                q.Order,
                q.Text,
                q.Origin,
                q.CompetencyIds.Select(outline.Competency).OfType<CompetencyInfo>().ToList(),
                record.Questions.FirstOrDefault(r => r.Id == q.Id) ?? new RecordQuestionInput { Id = q.Id }))
            .ToList();
        record.Questions = rows.Select(r => r.Input).ToList();
        while (record.Unplanned.Count < 2)
        {
            record.Unplanned.Add(new UnplannedQuestionInput());
        }

        if (isRead)
        {
            // The page lists the confidential questions: reading it is audited like the notes.
            await notes.AuditReadAsync(header.CaseId, "interview questions and record", cancellationToken);
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, clock.LocalTimeZone).DateTime);
        var settings = outline.Settings;
        var earliest = ScheduleRules.EarliestDay(today, settings.InterviewNoticeWorkingDays, holidays.For(header.Nation));
        var rules = $"The plan's timing rules: the interview is on a working day with at least {settings.InterviewNoticeWorkingDays} working days' notice "
            + $"(from {UkTime.Date(earliest)} if booked today), skipping the bank holidays of {BankHolidaysService.NationName(header.Nation)}, and lasts {settings.MinInterviewMinutes} to {settings.MaxInterviewMinutes} minutes.";
        var askEarlyEnd = canComplete && interview is not null && (InterviewRules.IsFarShorterThanBooked(interview, now) || !string.IsNullOrWhiteSpace(record.EarlyEndReason));
        return new InterviewViewModel(header, outline, bookingSummary, canBook, canReschedule, canRecord, canComplete, waitReason, booking, rows, record, conflictInfo, rules, askEarlyEnd);
    }

    /// <summary>Books the interview and moves the case to InterviewScheduled (the workflow checks the notes and questions).</summary>
    public async Task<CommandResult> BookAsync(AssessorCaseHeader header, BookingInput input, CancellationToken cancellationToken)
    {
        if ((!header.IsAllocatedAssessor && !header.IsAdmin) || header.State != CaseState.PreInterviewReview)
        {
            return CommandResult.Refused("The interview can be booked once the pre-interview review is under way.");
        }

        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var startsAt = LocalTimes.FromLocal(input.Day!.Value, input.Time!.Value, clock.LocalTimeZone);
        var duration = input.DurationMinutes ?? outline.Settings.InterviewMinutes;
        var location = input.Location!.Trim();
        var mode = input.Mode!.Value;
        var overrideReason = header.IsAdmin && !string.IsNullOrWhiteSpace(input.OverrideReason) ? input.OverrideReason.Trim() : null;
        return await commands.RunAsync(header.CaseId, async (epaCase, facts) =>
        {
            var interview = facts.Interview is { } existing && existing.Attempt == epaCase.Attempt ? existing : null;
            var rebooking = interview is not null;
            if (interview is null)
            {
                interview = new Interview(epaCase.Id, epaCase.Attempt, startsAt, duration, mode, location, Guid.NewGuid());
                db.Interviews.Add(interview);
            }
            else if (interview.CompletedAt is not null)
            {
                interview.Rebook(startsAt, duration, mode, location, string.IsNullOrWhiteSpace(input.Reason) ? "Booked again after quality assurance returned the case." : input.Reason.Trim());
            }
            else
            {
                interview.Reschedule(startsAt, duration, mode, location, string.IsNullOrWhiteSpace(input.Reason) ? "Booked again." : input.Reason.Trim());
            }

            var outcome = workflow.Transition(epaCase, CaseState.InterviewScheduled, commands.Actor, facts with { Interview = interview }, overrideReason);
            if (outcome.Succeeded)
            {
                await notifier.InterviewBookedAsync(epaCase.Id, isReschedule: rebooking, cancellationToken);
            }

            return outcome;
        }, cancellationToken);
    }

    /// <summary>Moves a booked interview: a reason is required, and the apprentice, employer and assessor
    /// get the new time (the same calendar event, updated).</summary>
    public async Task<SaveResult> RescheduleAsync(AssessorCaseHeader header, BookingInput input, CancellationToken cancellationToken)
    {
        if ((!header.IsAllocatedAssessor && !header.IsAdmin) || header.IsOnHold || header.State != CaseState.InterviewScheduled)
        {
            return SaveResult.Refused("Only a booked interview that has not been completed can be moved.");
        }

        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var problems = new List<string>();
        var startsAt = LocalTimes.FromLocal(input.Day!.Value, input.Time!.Value, clock.LocalTimeZone);
        var now = clock.GetUtcNow();
        var overrideReason = header.IsAdmin && !string.IsNullOrWhiteSpace(input.OverrideReason) ? input.OverrideReason.Trim() : null;
        IReadOnlyList<ScheduleBreach> breaches = [];
        if (startsAt <= now)
        {
            problems.Add("The interview must be moved to a time in the future.");
        }
        else
        {
            // A moved interview needs the same notice, day and length as a new booking.
            breaches = ScheduleRules.CheckInterview(outline.Settings, startsAt, input.DurationMinutes!.Value, now, clock.LocalTimeZone, holidays.For(header.Nation));
            problems.AddRange(ScheduleRules.Problems(breaches, header.IsAdmin, overrideReason));
        }

        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            problems.Add("Give the reason for moving the interview.");
        }

        if (problems.Count > 0)
        {
            return SaveResult.Refused(problems);
        }

        var interview = await db.Interviews.SingleOrDefaultAsync(i => i.CaseId == header.CaseId && i.Attempt == header.Attempt, cancellationToken);
        if (interview is null || interview.CompletedAt is not null)
        {
            return SaveResult.Refused("Only a booked interview that has not been completed can be moved.");
        }

        if (input.Version is { } version)
        {
            db.Entry(interview).Property(i => i.Version).OriginalValue = version;
        }

        interview.Reschedule(startsAt, input.DurationMinutes!.Value, input.Mode!.Value, input.Location!.Trim(), input.Reason!.Trim());
        var overrideRecord = ScheduleRules.OverrideRecord(breaches, overrideReason);
        interview.RecordScheduleOverride(overrideRecord, user.Id);
        db.AuditEntries.Add(new AuditEntry(now, user.Id, user.DisplayName, InterviewRescheduled, header.CaseId, null, null, interview.LastRescheduleReason,
            $"Attempt {header.Attempt}: moved to {UkTime.DateTime(startsAt)} ({interview.DurationMinutes} minutes), invitation sequence {interview.CalendarSequence}"
            + (overrideRecord is null ? string.Empty : $"; timing rules overridden ({overrideRecord})")));
        await notifier.InterviewBookedAsync(header.CaseId, isReschedule: true, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Saved(interview.Version, now);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Conflict;
        }
    }

    /// <summary>Saves the record of the interview; with <see cref="RecordInput.Complete"/> also marks it
    /// completed (the workflow checks every question is recorded and every asked one answered).</summary>
    public async Task<SaveResult> RecordAsync(AssessorCaseHeader header, RecordInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var interviewRow = await db.Interviews.AsNoTracking()
            .SingleOrDefaultAsync(i => i.CaseId == header.CaseId && i.Attempt == header.Attempt, cancellationToken);
        var (canRecord, reason) = RecordState(header, interviewRow, now);
        if (!canRecord)
        {
            return SaveResult.Refused(reason ?? "The interview cannot be recorded now.");
        }

        if (input.Complete && header.State != CaseState.InterviewScheduled)
        {
            return SaveResult.Refused("The interview has already been marked completed.");
        }

        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var competencyIds = outline.Competencies.Select(c => c.Id).ToHashSet();
        if (input.Questions.Any(q => q.EvidencedCompetencyIds.Any(id => !competencyIds.Contains(id)))
            || input.Unplanned.Any(q => q.EvidencedCompetencyIds.Any(id => !competencyIds.Contains(id))))
        {
            return SaveResult.Refused("An answer names a competency that is not in this standard.");
        }

        if (!input.Complete)
        {
            var interview = await db.Interviews.SingleAsync(i => i.Id == interviewRow!.Id, cancellationToken);
            var questions = await db.InterviewQuestions.Where(q => q.CaseId == header.CaseId && q.Attempt == header.Attempt).ToListAsync(cancellationToken);
            if (Apply(interview, questions, input, now) is { } conflict)
            {
                return conflict;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return SaveResult.Saved(interview.Version, now);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return SaveResult.Conflict;
            }
        }

        SaveResult? early = null;
        var result = await commands.RunAsync(header.CaseId, (epaCase, facts) =>
        {
            var interview = facts.Interview!;
            var questions = facts.InterviewQuestions.ToList();
            if (Apply(interview, questions, input, now) is { } refused)
            {
                early = refused;
                return Task.FromResult(CaseOutcome.Refused(refused.Problems.Count > 0 ? refused.Problems : ["The interview record changed meanwhile."]));
            }

            var earlyEnd = string.IsNullOrWhiteSpace(input.EarlyEndReason) ? null : input.EarlyEndReason.Trim();
            return Task.FromResult(workflow.Transition(epaCase, CaseState.InterviewCompleted, commands.Actor, facts with { InterviewQuestions = questions }, earlyEnd));
        }, cancellationToken);

        if (early is not null)
        {
            return early;
        }

        if (ReferenceEquals(result, CommandResult.Conflict))
        {
            return SaveResult.Conflict;
        }

        return result.Succeeded ? SaveResult.Saved(Guid.Empty, now) : SaveResult.Refused(result.Problems);
    }

    /// <summary>Applies the posted record to the tracked interview and questions; returns a conflict when
    /// the form was built from an older version of the interview.</summary>
    private SaveResult? Apply(Interview interview, List<InterviewQuestion> questions, RecordInput input, DateTimeOffset now)
    {
        if (input.Version is not { } version)
        {
            return SaveResult.Conflict;
        }

        var entry = db.Entry(interview);
        entry.Property(i => i.Version).OriginalValue = version;

        // Renew the interview's version on every save of the record, so a stale form is refused.
        entry.Property(i => i.Version).IsModified = true;

        var (recorded, added) = (0, 0);
        foreach (var posted in input.Questions)
        {
            if (questions.FirstOrDefault(q => q.Id == posted.Id) is not { } question)
            {
                continue;
            }

            question.Asked = posted.Asked;
            question.AnswerSummary = string.IsNullOrWhiteSpace(posted.AnswerSummary) ? null : posted.AnswerSummary.Trim();
            question.EvidencedCompetencyIds = posted.EvidencedCompetencyIds.Distinct().ToList();
            recorded += posted.Asked is null ? 0 : 1;
        }

        var order = questions.Count == 0 ? 0 : questions.Max(q => q.Order);
        foreach (var unplanned in input.Unplanned.Where(u => !string.IsNullOrWhiteSpace(u.Text)))
        {
            var question = new InterviewQuestion(interview.CaseId, interview.Attempt, unplanned.Text!.Trim(), QuestionOrigin.Unplanned, ++order, unplanned.EvidencedCompetencyIds)
            {
                Asked = true,
                AnswerSummary = unplanned.AnswerSummary?.Trim(),
                EvidencedCompetencyIds = unplanned.EvidencedCompetencyIds.Distinct().ToList(),
            };
            db.InterviewQuestions.Add(question);
            questions.Add(question);
            added++;
        }

        db.AuditEntries.Add(new AuditEntry(now, user.Id, user.DisplayName, InterviewRecorded, interview.CaseId, null, null, null,
            $"Attempt {interview.Attempt}: {recorded} of {input.Questions.Count} planned questions recorded, {added} unplanned added"));
        return null;
    }

    private static (bool CanRecord, string? Reason) RecordState(AssessorCaseHeader header, Interview? interview, DateTimeOffset now)
    {
        if (!header.IsAllocatedAssessor)
        {
            return (false, "Only the allocated assessor records the interview.");
        }

        if (header.IsOnHold)
        {
            return (false, "The case is on hold.");
        }

        if (interview is null || header.State is not (CaseState.InterviewScheduled or CaseState.InterviewCompleted))
        {
            return (false, "The interview is recorded once it has been booked and has started.");
        }

        if (header.State == CaseState.InterviewScheduled && now < interview.StartsAt)
        {
            return (false, $"You can record the interview once it starts, on {UkTime.DateTime(interview.StartsAt)}.");
        }

        return (true, null);
    }

    private static RecordInput FromSaved(Interview? interview, IReadOnlyList<InterviewQuestion> questions) => new()
    {
        Version = interview?.Version,
        Questions = questions.Select(q => new RecordQuestionInput { Id = q.Id, Asked = q.Asked, AnswerSummary = q.AnswerSummary, EvidencedCompetencyIds = q.EvidencedCompetencyIds.ToList() }).ToList(),
    };

    private static List<ConflictDifference> Differences(RecordInput theirs, RecordInput yours, IReadOnlyList<InterviewQuestion> questions)
    {
        var differences = new List<ConflictDifference>();
        foreach (var question in questions)
        {
            var other = theirs.Questions.FirstOrDefault(q => q.Id == question.Id);
            var mine = yours.Questions.FirstOrDefault(q => q.Id == question.Id);
            var otherText = Describe(other);
            var mineText = Describe(mine);
            if (otherText != mineText)
            {
                differences.Add(new ConflictDifference($"Question {question.Order}: {question.Text}", otherText, mineText));
            }
        }

        var newOnes = yours.Unplanned.Where(u => !string.IsNullOrWhiteSpace(u.Text)).Select(u => $"• {u.Text} — {u.AnswerSummary}").ToList();
        if (newOnes.Count > 0)
        {
            differences.Add(new ConflictDifference("Unplanned questions", "(see the list of questions above)", string.Join("\n", newOnes)));
        }

        return differences;
    }

    private static string Describe(RecordQuestionInput? record) => record?.Asked switch
    {
        null => "(not recorded)",
        false => "Not asked",
        true => "Asked: " + (string.IsNullOrWhiteSpace(record.AnswerSummary) ? "(no answer summary)" : record.AnswerSummary.Trim()),
    };
}
