using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
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
    AuditLog audit,
    TimeProvider clock,
    CurrentUser user,
    BankHolidaySource holidays,
    BookingDiary diary)
{
    public const string InterviewRescheduled = "InterviewRescheduled";
    public const string InterviewRecorded = "InterviewRecorded";

    public async Task<InterviewViewModel> GetAsync(CaseAccessInfo header, BookingInput? booking, RecordInput? record, bool conflict, CancellationToken cancellationToken)
    {
        var isRead = booking is null && record is null;
        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var (interview, questions, approved) = await LoadAsync(header, cancellationToken);
        var now = clock.GetUtcNow();
        var bookingSummary = interview is null ? null : new BookingSummary(interview.StartsAt, interview.DurationMinutes, interview.Mode, interview.Location,
            interview.CalendarSequence, interview.LastRescheduleReason, interview.CompletedAt, interview.Version);

        var canArrange = header.Allows(CaseOperation.ArrangeAssessment);
        var canBook = canArrange && AssessmentRules.WhyInterviewCannotBeBooked(header.State, header.IsOnHold) is null;
        var canReschedule = canArrange && AssessmentRules.WhyInterviewCannotBeMoved(header.State, header.IsOnHold, interview) is null;
        var (canRecord, waitReason) = RecordState(header, interview, now);
        var canComplete = canRecord && header.State == CaseState.InterviewScheduled;

        var settings = header.Adjustment.Apply(outline.Settings);
        if (booking is null)
        {
            booking = new BookingInput { DurationMinutes = settings.InterviewMinutes, Mode = InterviewMode.VideoCall };
            if (interview is not null && interview.CompletedAt is null)
            {
                // A booking made before an adjustment was approved is offered again at the adjusted length.
                var (day, time) = LocalTimes.ToLocal(interview.StartsAt, clock.LocalTimeZone);
                var length = interview.DurationMinutes < settings.MinInterviewMinutes ? settings.InterviewMinutes : interview.DurationMinutes;
                booking = new BookingInput { Day = day, Time = time, DurationMinutes = length, Mode = interview.Mode, Location = interview.Location, Version = interview.Version };
            }
        }

        var savedRecord = FromSaved(interview, questions);
        ConflictInfo? conflictInfo = null;
        if (record is null)
        {
            // A question not recorded yet starts with the competencies it was planned to probe ticked as the
            // ones its answer evidenced (saved only with the record).
            record = FromSaved(interview, questions);
            foreach (var (input, question) in record.Questions.Zip(questions))
            {
                if (question.Asked is null && input.EvidencedCompetencyIds.Count == 0)
                {
                    input.EvidencedCompetencyIds = question.CompetencyIds.ToList();
                }
            }
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
        var bankHolidays = holidays.For(header.Nation);
        var earliest = ScheduleRules.EarliestDay(today, settings.InterviewNoticeWorkingDays, bankHolidays);
        var rules = $"The plan's timing rules: the interview is on a working day with at least {settings.InterviewNoticeWorkingDays} working days' notice "
            + $"(from {UkTime.Date(earliest)} if booked today), skipping the bank holidays of {BankHolidaysService.NationName(header.Nation)}, and lasts {settings.MinInterviewMinutes} to {settings.MaxInterviewMinutes} minutes.";
        var adjustmentNote = header.Adjustment.IsNone ? null
            : $"Approved reasonable adjustments: {Domain.Adjustments.ReasonableAdjustment.Describe(header.Adjustment.ExtraProjectWorkingDays, header.Adjustment.ExtraInterviewMinutes).ToLowerInvariant()}. The interview lasts {settings.InterviewMinutes} minutes.";
        IReadOnlyList<FreeSlot> slots = [];
        var slotMinutes = booking.DurationMinutes is > 0 and <= Domain.Standards.StandardSettings.MaxInterviewMinutesAllowed * 2 ? booking.DurationMinutes.Value : settings.InterviewMinutes;
        if (canBook || canReschedule)
        {
            // The allocated assessor's free slots from the first day the notice allows, for the booking's length.
            var length = slotMinutes;
            var from = LocalTimes.FromLocal(earliest, TimeOnly.MinValue, clock.LocalTimeZone);
            var to = LocalTimes.FromLocal(WorkingDays.Add(earliest, SlotFinder.HorizonWorkingDays + 1, bankHolidays), TimeOnly.MinValue, clock.LocalTimeZone);
            var diaryFacts = await diary.LoadAsync(header.CaseId, header.AssessorId, from, to, cancellationToken);
            slots = SlotFinder.FreeSlots(diaryFacts.Availability.Hours, diaryFacts.Availability.Leave, diaryFacts.Busy, length, earliest, now, clock.LocalTimeZone, bankHolidays);
        }

        var askEarlyEnd = canComplete && interview is not null && (InterviewRules.IsFarShorterThanBooked(interview, now) || !string.IsNullOrWhiteSpace(record.EarlyEndReason));
        return new InterviewViewModel(header, outline, bookingSummary, canBook, canReschedule, canRecord, canComplete, waitReason, booking, rows, record, conflictInfo, rules, askEarlyEnd)
        {
            Slots = slots,
            SlotMinutes = slotMinutes,
            Settings = settings,
            AdjustmentNote = adjustmentNote,
            Adjustments = approved,
        };
    }

    /// <summary>Books the interview and moves the case to InterviewScheduled (the workflow checks the notes and questions).</summary>
    public async Task<CommandResult> BookAsync(CaseSnapshot snapshot, CaseAccessInfo header, BookingInput input, CancellationToken cancellationToken)
    {
        if (AssessmentRules.WhyInterviewCannotBeBooked(header.State, header.IsOnHold) is { } cannot)
        {
            return CommandResult.Refused(cannot);
        }

        var startsAt = LocalTimes.FromLocal(input.Day!.Value, input.Time!.Value, clock.LocalTimeZone);
        var duration = input.DurationMinutes ?? snapshot.Facts.Settings.InterviewMinutes;
        var location = input.Location!.Trim();
        var mode = input.Mode!.Value;
        var overrideReason = header.Allows(CaseOperation.Administer) && !string.IsNullOrWhiteSpace(input.OverrideReason) ? input.OverrideReason.Trim() : null;
        var (diaryFacts, diaryAdded) = await diary.LoadForBookingAsync(header.CaseId, header.AssessorId, startsAt, startsAt.AddMinutes(duration), cancellationToken);
        CommandResult result;
        try
        {
            result = await BookAsync(snapshot, input, startsAt, duration, location, mode, overrideReason, diaryFacts, cancellationToken);
        }
        catch (DbUpdateException) when (diaryAdded)
        {
            // Another booking of the same assessor created their diary row at the same instant (a duplicate key).
            db.ChangeTracker.Clear();
            return CommandResult.Refused(SlotJustTaken);
        }

        return result.IsConflict ? CommandResult.Refused(SlotJustTaken) : result;
    }

    /// <summary>What the second of two simultaneous bookings of one assessor is told (nothing of it was saved).</summary>
    public const string SlotJustTaken = "That slot was just taken: another interview of the assessor was booked (or the case was changed) while you were booking, so nothing was saved. Choose another time from the free slots shown again below.";

    private async Task<CommandResult> BookAsync(CaseSnapshot snapshot, BookingInput input, DateTimeOffset startsAt, int duration, string location, InterviewMode mode, string? overrideReason, BookingDiaryFacts diaryFacts, CancellationToken cancellationToken)
    {
        return await commands.RunAsync(snapshot, async (epaCase, facts) =>
        {
            facts = facts with { AssessorAvailability = diaryFacts.Availability, BusyTimes = diaryFacts.Busy };
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
    public async Task<SaveResult> RescheduleAsync(CaseSnapshot snapshot, CaseAccessInfo header, BookingInput input, CancellationToken cancellationToken)
    {
        if (header.IsOnHold || header.State != CaseState.InterviewScheduled)
        {
            return SaveResult.Refused(AssessmentRules.WhyInterviewCannotBeMoved(header.State, header.IsOnHold, null)!);
        }

        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var problems = new List<string>();
        var startsAt = LocalTimes.FromLocal(input.Day!.Value, input.Time!.Value, clock.LocalTimeZone);
        var now = clock.GetUtcNow();
        var overrideReason = header.Allows(CaseOperation.Administer) && !string.IsNullOrWhiteSpace(input.OverrideReason) ? input.OverrideReason.Trim() : null;
        IReadOnlyList<ScheduleBreach> breaches = [];
        var diaryAdded = false;
        if (startsAt <= now)
        {
            problems.Add("The interview must be moved to a time in the future.");
        }
        else
        {
            // A moved interview needs the same notice, day, length, availability and no clash, as a new booking.
            var duration = input.DurationMinutes!.Value;
            // Loaded for the save: moving into a slot is serialised with the assessor's other bookings (a conflict if one was saved meanwhile).
            (var diaryFacts, diaryAdded) = await diary.LoadForBookingAsync(header.CaseId, header.AssessorId, startsAt, startsAt.AddMinutes(duration), cancellationToken);
            problems.AddRange(SlotFinder.Clashes(diaryFacts.Busy, startsAt, duration, clock.LocalTimeZone));
            breaches = InterviewBooking.Breaches(snapshot.Facts.Settings, startsAt, duration, now, clock.LocalTimeZone, holidays.For(header.Nation), diaryFacts.Availability);
            problems.AddRange(ScheduleRules.Problems(breaches, header.Allows(CaseOperation.Administer), overrideReason));
        }

        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            problems.Add("Give the reason for moving the interview.");
        }

        if (problems.Count > 0)
        {
            return SaveResult.Refused(problems);
        }

        var interview = snapshot.Facts.Interview is { } booked && booked.Attempt == header.Attempt ? booked : null;
        if (AssessmentRules.WhyInterviewCannotBeMoved(header.State, header.IsOnHold, interview) is { } cannotMove)
        {
            return SaveResult.Refused(cannotMove);
        }

        if (input.Version is { } version)
        {
            db.Entry(interview!).Property(i => i.Version).OriginalValue = version;
        }

        interview!.Reschedule(startsAt, input.DurationMinutes!.Value, input.Mode!.Value, input.Location!.Trim(), input.Reason!.Trim());
        var overrideRecord = ScheduleRules.OverrideRecord(breaches, overrideReason);
        interview.RecordScheduleOverride(overrideRecord, user.Id);
        audit.Add(InterviewRescheduled, header.CaseId,
            $"Attempt {header.Attempt}: moved to {UkTime.DateTime(startsAt)} ({interview.DurationMinutes} minutes), invitation sequence {interview.CalendarSequence}"
            + (overrideRecord is null ? string.Empty : $"; timing rules overridden ({overrideRecord})"), interview.LastRescheduleReason);
        await notifier.InterviewBookedAsync(header.CaseId, isReschedule: true, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Saved(interview.Version, now);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || diaryAdded)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Conflict;
        }
    }

    /// <summary>Saves the record of the interview; with <see cref="RecordInput.Complete"/> also marks it
    /// completed (the workflow checks every question is recorded and every asked one answered).</summary>
    public async Task<SaveResult> RecordAsync(CaseSnapshot snapshot, CaseAccessInfo header, RecordInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
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

        var (epaCase, facts) = (snapshot.Case, snapshot.Facts);
        var interview = facts.Interview is { } booked && booked.Attempt == epaCase.Attempt ? booked : null;
        if (RecordState(header, interview, now) is (false, var cannot))
        {
            return SaveResult.Refused(cannot ?? "The interview cannot be recorded now.");
        }

        var questions = facts.InterviewQuestions.ToList();
        if (Apply(interview!, questions, input) is { } conflict)
        {
            db.ChangeTracker.Clear();
            return conflict;
        }

        var result = input.Complete
            ? await commands.SaveAsync(workflow.Transition(epaCase, CaseState.InterviewCompleted, commands.Actor, facts with { InterviewQuestions = questions }, string.IsNullOrWhiteSpace(input.EarlyEndReason) ? null : input.EarlyEndReason.Trim()), cancellationToken)
            : await commands.SaveChangesAsync(cancellationToken);
        return result.Succeeded ? SaveResult.Saved(interview!.Version, now)
            : result.IsConflict ? SaveResult.Conflict
            : SaveResult.Refused(result.Problems);
    }

    /// <summary>Applies the posted record to the tracked interview and questions; returns a conflict when
    /// the form was built from an older version of the interview.</summary>
    private SaveResult? Apply(Interview interview, List<InterviewQuestion> questions, RecordInput input)
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

        audit.Add(InterviewRecorded, interview.CaseId, $"Attempt {interview.Attempt}: {recorded} of {input.Questions.Count} planned questions recorded, {added} unplanned added");
        return null;
    }

    private (bool CanRecord, string? Reason) RecordState(CaseAccessInfo header, Interview? interview, DateTimeOffset now) =>
        !header.Allows(CaseOperation.Assess) ? (false, "Only the allocated assessor records the interview.")
        : AssessmentRules.WhyInterviewCannotBeRecorded(header.State, header.IsOnHold, interview, now, clock.LocalTimeZone) is { } reason ? (false, reason)
        : (true, null);

    /// <summary>The current attempt's interview and its questions (in their order), in one command.</summary>
    /// <summary>The interview, its questions and the case's approved reasonable adjustments (shown to the
    /// assessor as kind and effect), in one command.</summary>
    private async Task<(Interview? Interview, List<InterviewQuestion> Questions, IReadOnlyList<Adjustments.ApprovedAdjustment> Adjustments)> LoadAsync(CaseAccessInfo header, CancellationToken cancellationToken)
    {
        var (caseId, attempt) = (header.CaseId, header.Attempt);
        var row = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new
            {
                Interview = db.Interviews.FirstOrDefault(i => i.CaseId == c.Id && i.CaseId == caseId && i.Attempt == attempt),
                Questions = db.InterviewQuestions.Where(q => q.CaseId == c.Id && q.CaseId == caseId && q.Attempt == attempt).ToList(),
                Adjustments = db.ReasonableAdjustments.Where(a => a.CaseId == c.Id && a.CaseId == caseId && a.Status == Domain.Adjustments.AdjustmentStatus.Approved)
                    .Select(a => new { a.Id, a.Type, a.ExtraProjectWorkingDays, a.ExtraInterviewMinutes, a.Summary }).ToList(),
            })
            .AsSingleQuery()
            .SingleAsync(cancellationToken);
        var approved = row.Adjustments.OrderBy(a => a.Id)
            .Select(a => new Adjustments.ApprovedAdjustment(Domain.Adjustments.ReasonableAdjustment.TypeName(a.Type), Domain.Adjustments.ReasonableAdjustment.Describe(a.ExtraProjectWorkingDays, a.ExtraInterviewMinutes), a.Summary))
            .ToList();
        return (row.Interview, row.Questions.OrderBy(q => q.Order).ToList(), approved);
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
