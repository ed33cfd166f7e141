using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Assessment;

public enum InterviewMode
{
    InPerson,
    VideoCall,
}

/// <summary>The structured interview of one attempt: the booking (visible to apprentice and employer)
/// and its completion. The questions are confidential and live in <see cref="InterviewQuestion"/>.</summary>
public class Interview : IVersioned
{
    private Interview()
    {
        Location = string.Empty;
    }

    public Interview(int caseId, int attempt, DateTimeOffset startsAt, int durationMinutes, InterviewMode mode, string location, Guid calendarUid)
    {
        CaseId = caseId;
        Attempt = attempt;
        StartsAt = startsAt;
        DurationMinutes = durationMinutes;
        Mode = mode;
        Location = location;
        CalendarUid = calendarUid;
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public int Attempt { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public int DurationMinutes { get; private set; }

    public InterviewMode Mode { get; private set; }

    /// <summary>An address for in-person interviews or a video link.</summary>
    public string Location { get; private set; }

    /// <summary>The iCalendar UID, stable across reschedules so calendars update the same event.</summary>
    public Guid CalendarUid { get; private set; }

    /// <summary>The iCalendar SEQUENCE, raised on every reschedule.</summary>
    public int CalendarSequence { get; private set; }

    public string? LastRescheduleReason { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public Guid Version { get; set; }

    /// <summary>An admin scheduled this against the plan's timing rules: the recorded reason (shown to QA).</summary>
    public string? ScheduleOverrideReason { get; private set; }

    public string? ScheduleOverriddenById { get; private set; }

    /// <summary>Records (or, with a null reason, clears) an admin's override of the timing rules.</summary>
    public void RecordScheduleOverride(string? reason, string? adminId)
    {
        ScheduleOverrideReason = reason;
        ScheduleOverriddenById = reason is null ? null : adminId;
    }

    public void Reschedule(DateTimeOffset startsAt, int durationMinutes, InterviewMode mode, string location, string reason)
    {
        if (CompletedAt is not null)
        {
            throw new InvalidOperationException("A completed interview cannot be rescheduled.");
        }

        StartsAt = startsAt;
        DurationMinutes = durationMinutes;
        Mode = mode;
        Location = location;
        LastRescheduleReason = reason;
        CalendarSequence++;
    }

    /// <summary>
    /// Books the attempt's interview again after quality assurance returned the case to the pre-interview
    /// review: the same calendar event (UID) moves to the new time (SEQUENCE raised) and the interview is no
    /// longer completed, so it must be held and recorded again before the case can be graded.
    /// </summary>
    public void Rebook(DateTimeOffset startsAt, int durationMinutes, InterviewMode mode, string location, string reason)
    {
        if (CompletedAt is null)
        {
            throw new InvalidOperationException("An interview that has not been completed is rescheduled, not booked again.");
        }

        CompletedAt = null;
        StartsAt = startsAt;
        DurationMinutes = durationMinutes;
        Mode = mode;
        Location = location;
        LastRescheduleReason = reason;
        CalendarSequence++;
    }

    public void MarkCompleted(DateTimeOffset at) => CompletedAt = at;
}

public enum QuestionOrigin
{
    /// <summary>Written by the assessor before the interview.</summary>
    Planned,

    /// <summary>Proposed by the portal for a competency with weak or missing evidence.</summary>
    Suggested,

    /// <summary>Added during the interview.</summary>
    Unplanned,
}

/// <summary>A question to explore at interview (confidential), and what happened when it was asked.</summary>
public class InterviewQuestion
{
    private InterviewQuestion()
    {
        Text = string.Empty;
    }

    public InterviewQuestion(int caseId, int attempt, string text, QuestionOrigin origin, int order, IEnumerable<int> competencyIds)
    {
        CaseId = caseId;
        Attempt = attempt;
        Text = text;
        Origin = origin;
        Order = order;
        CompetencyIds = competencyIds.Distinct().ToList();
    }

    public int Id { get; private set; }

    public int CaseId { get; private set; }

    public int Attempt { get; private set; }

    public string Text { get; set; }

    public QuestionOrigin Origin { get; private set; }

    public int Order { get; set; }

    /// <summary>The competencies the question probes.</summary>
    public List<int> CompetencyIds { get; set; } = [];

    /// <summary>Null until the interview records it.</summary>
    public bool? Asked { get; set; }

    public string? AnswerSummary { get; set; }

    /// <summary>The competencies the answer gave evidence for.</summary>
    public List<int> EvidencedCompetencyIds { get; set; } = [];
}
