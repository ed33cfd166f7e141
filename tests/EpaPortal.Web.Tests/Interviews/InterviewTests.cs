using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Interviews;

/// <summary>Booking, moving and recording the interview through the assessor's page.</summary>
[Trait(Category.Name, Category.Integration)]
public class InterviewTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Booking_BeforeTheInitialConclusions_IsRefusedWithTheWorkflowsReasons()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);

        var response = await AssessorJourney.BookAsync(factory, assessor, testCase.CaseId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await PortalClient.ParseAsync(response)).QuerySelector("#problems")!.TextContent;
        Assert.Contains("The initial conclusions have not been recorded.", problems, StringComparison.Ordinal);
        Assert.Contains("Write the questions to explore at interview.", problems, StringComparison.Ordinal);
        Assert.Equal(CaseState.PreInterviewReview, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        Assert.False(await factory.WithDbAsync(db => db.Interviews.AnyAsync(i => i.CaseId == testCase.CaseId)));
    }

    [Fact]
    public async Task Booking_AfterTheNotes_SchedulesTheInterview_AndSendsTheBookingButNeverTheQuestions()
    {
        var marker = AssessorJourney.Marker();
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);
        var notes = await AssessorJourney.CompleteNotesFormAsync(assessor, testCase.CaseId, "Notes", $"{marker}: why this design?");
        Assert.Equal(HttpStatusCode.Redirect, (await notes.PostAsync(assessor)).StatusCode);

        var response = await AssessorJourney.BookAsync(factory, assessor, testCase.CaseId);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CaseState.InterviewScheduled, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        var interview = await factory.WithDbAsync(db => db.Interviews.SingleAsync(i => i.CaseId == testCase.CaseId));
        Assert.Equal(60, interview.DurationMinutes);
        Assert.Equal(InterviewMode.VideoCall, interview.Mode);
        var messages = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == testCase.CaseId && m.Kind == NotificationKind.InterviewBooked).ToListAsync());
        Assert.Contains(messages, m => m.ToAddress == testCase.ApprenticeEmail);
        Assert.Contains(messages, m => m.ToAddress == Demo.Employer);
        Assert.Contains(messages, m => m.ToAddress == Demo.Assessor);
        Assert.All(messages, m => Assert.DoesNotContain(marker, $"{m.Subject}{m.TextBody}{m.HtmlBody}{m.CalendarIcs}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Moving_TheInterview_NeedsAReason_AndUpdatesTheSameCalendarEvent()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var before = await factory.WithDbAsync(db => db.Interviews.SingleAsync(i => i.CaseId == testCase.CaseId));

        var withoutReason = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/interview", "form.booking-form");
        withoutReason.Set("Time", "14:00").Set("Reason");
        var refused = await withoutReason.PostAsync(assessor);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Give the reason for moving the interview.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var moved = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/interview", "form.booking-form");
        moved.Set("Day", AssessorJourney.FirstDayWithNotice(factory).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Set("Time", "14:00").Set("Reason", "The apprentice is on a course that morning.");
        Assert.Equal(HttpStatusCode.Redirect, (await moved.PostAsync(assessor)).StatusCode);

        var after = await factory.WithDbAsync(db => db.Interviews.SingleAsync(i => i.CaseId == testCase.CaseId));
        Assert.Equal(before.CalendarUid, after.CalendarUid);
        Assert.Equal(before.CalendarSequence + 1, after.CalendarSequence);
        Assert.Equal(14, TimeZoneInfo.ConvertTime(after.StartsAt, factory.Clock.LocalTimeZone).Hour);
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == testCase.CaseId && m.Kind == NotificationKind.InterviewMoved && m.ToAddress == testCase.ApprenticeEmail)));
    }

    [Fact]
    public async Task Recording_BeforeTheInterviewStarts_IsRefused()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/interview");
        Assert.NotNull(page.QuerySelector("form.record-form fieldset[disabled]"));

        var token = await assessor.GetAntiforgeryTokenAsync($"/assessor/cases/{testCase.CaseId}/interview");
        var questionId = await factory.WithDbAsync(db => db.InterviewQuestions.Where(q => q.CaseId == testCase.CaseId).Select(q => q.Id).FirstAsync());
        var version = await factory.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == testCase.CaseId).Select(i => i.Version).SingleAsync());
        var response = await assessor.PostWithTokenAsync($"/assessor/cases/{testCase.CaseId}/interview", $"/assessor/cases/{testCase.CaseId}/interview/record",
        [
            new("Version", version.ToString()),
            new("Questions[0].Id", questionId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Questions[0].Asked", "true"),
            new("Questions[0].AnswerSummary", "Too early"),
            new("Complete", "true"),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("once it starts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CaseState.InterviewScheduled, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        Assert.Null(await factory.WithDbAsync(db => db.InterviewQuestions.Where(q => q.Id == questionId).Select(q => q.AnswerSummary).SingleAsync()));
    }

    [Fact]
    public async Task RecordingEveryQuestion_AndCompleting_MovesTheCaseToInterviewCompleted()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        await AssessorJourney.PassTheInterviewStartAsync(factory, testCase.CaseId);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var form = await AssessorJourney.AnsweredRecordFormAsync(assessor, testCase.CaseId, "A clear answer");
        form.Set("Unplanned[0].Text", "What would you do differently?");
        form.Set("Unplanned[0].AnswerSummary", "More tests around cancellations.");
        form.Set("Complete", "true");
        var response = await form.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/assessor/cases/{testCase.CaseId}/judgement", response.Headers.Location!.OriginalString);
        Assert.Equal(CaseState.InterviewCompleted, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        Assert.NotNull(await factory.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == testCase.CaseId).Select(i => i.CompletedAt).SingleAsync()));
        var questions = await factory.WithDbAsync(db => db.InterviewQuestions.Where(q => q.CaseId == testCase.CaseId).ToListAsync());
        Assert.All(questions, q => Assert.True(q.Asked));
        var unplanned = Assert.Single(questions, q => q.Origin == QuestionOrigin.Unplanned);
        Assert.Equal("More tests around cancellations.", unplanned.AnswerSummary);
    }

    [Fact]
    public async Task Completing_WithAnAskedQuestionUnanswered_IsRefused_AndKeepsTheOtherAnswers()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        await AssessorJourney.PassTheInterviewStartAsync(factory, testCase.CaseId);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var form = await AssessorJourney.AnsweredRecordFormAsync(assessor, testCase.CaseId, "Kept on the page");
        form.Set("Questions[0].AnswerSummary", string.Empty);
        form.Set("Unplanned[0].Text", "Typed during the interview");
        form.Set("Unplanned[0].AnswerSummary", "An answer that must not be lost");
        form.Set("Complete", "true");
        var response = await form.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("Summarise the answer to each question asked", page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("An answer that must not be lost", page.QuerySelector("textarea[name='Unplanned[0].AnswerSummary']")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.InterviewQuestions.AnyAsync(q => q.CaseId == testCase.CaseId && q.Origin == QuestionOrigin.Unplanned)));
        Assert.Equal(CaseState.InterviewScheduled, await AssessorJourney.StateAsync(factory, testCase.CaseId));
    }

    [Fact]
    public async Task ASaveOfTheRecordFromAStaleForm_IsRefused()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        await AssessorJourney.PassTheInterviewStartAsync(factory, testCase.CaseId);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var tabA = await AssessorJourney.AnsweredRecordFormAsync(assessor, testCase.CaseId, "From tab A");
        var tabB = await AssessorJourney.AnsweredRecordFormAsync(assessor, testCase.CaseId, "From tab B");

        Assert.Equal(HttpStatusCode.Redirect, (await tabA.PostAsync(assessor)).StatusCode);
        var refused = await tabB.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Contains("From tab A", page.QuerySelector(".conflict-theirs")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("From tab B", page.QuerySelector("textarea[name='Questions[0].AnswerSummary']")!.TextContent, StringComparison.Ordinal);
        var saved = await factory.WithDbAsync(db => db.InterviewQuestions.Where(q => q.CaseId == testCase.CaseId).OrderBy(q => q.Order).Select(q => q.AnswerSummary).FirstAsync());
        Assert.StartsWith("From tab A", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterQualityAssuranceReturnsTheCaseToThePreInterviewReview_TheInterviewIsBookedAgain()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var judgement = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Expected, AreaLevel.Expected, AreaLevel.Expected, "Rationale");
        judgement.Set("Submit", "true");
        Assert.Equal(HttpStatusCode.Redirect, (await judgement.PostAsync(assessor)).StatusCode);
        var before = await factory.WithDbAsync(db => db.Interviews.AsNoTracking().SingleAsync(i => i.CaseId == testCase.CaseId));
        await AssessorJourney.ReturnByQaAsync(factory, testCase.CaseId, CaseState.PreInterviewReview, "Explore security again at a second interview.");

        var (_, notes) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/notes");
        Assert.Null(notes.QuerySelector("#notes-form fieldset[disabled]"));
        Assert.Contains("Explore security again at a second interview.", notes.QuerySelector(".qa-returned")!.TextContent, StringComparison.Ordinal);
        var (_, judgementPage) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        Assert.Contains("returned the case to the pre-interview review", judgementPage.QuerySelector(".judgement-not-started")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await AssessorJourney.BookAsync(factory, assessor, testCase.CaseId)).StatusCode);

        Assert.Equal(CaseState.InterviewScheduled, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        var after = await factory.WithDbAsync(db => db.Interviews.AsNoTracking().SingleAsync(i => i.CaseId == testCase.CaseId));
        Assert.Null(after.CompletedAt);
        Assert.Equal(before.CalendarUid, after.CalendarUid);
        Assert.Equal(before.CalendarSequence + 1, after.CalendarSequence);
        Assert.True(after.StartsAt > factory.Clock.GetUtcNow());
        Assert.True(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.CaseId == testCase.CaseId && m.Kind == NotificationKind.InterviewMoved && m.ToAddress == testCase.ApprenticeEmail)));
    }
}
