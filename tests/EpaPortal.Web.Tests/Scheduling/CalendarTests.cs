using System.Globalization;
using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Scheduling;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Scheduling;

/// <summary>Issue 18: the apprentice's nation, the bank-holiday import, the plan's timing rules on the
/// project and interview, the admin's override, an interview ended early, and the EPA deadline flags.</summary>
[Trait(Category.Name, Category.Integration)]
public class CalendarTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Feed(int lastYear)
    {
        static string Division(string name, IEnumerable<string> dates) =>
            $"\"{name}\":{{\"division\":\"{name}\",\"events\":[{string.Join(",", dates.Select(d => $"{{\"title\":\"Christmas Day\",\"date\":\"{d}\",\"notes\":\"\",\"bunting\":true}}"))}]}}";
        var dates = Enumerable.Range(2026, lastYear - 2025).Select(y => $"{y}-12-25").ToList();
        return "{" + string.Join(",", Division("england-and-wales", dates), Division("scotland", dates), Division("northern-ireland", dates)) + "}";
    }

    [Fact]
    public async Task ApprenticesNation_ChoosesTheBankHolidaysOfTheirCases()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved);
        var apprenticeId = await AssessorJourney.CaseAsync(factory, testCase.CaseId, c => c.ApprenticeId);
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await admin.SubmitFormAsync($"/admin/apprentices/{apprenticeId}", new Dictionary<string, string> { ["nation"] = nameof(UkNation.Scotland) }, "form#apprentice-nation");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var snapshot = await scope.ServiceProvider.GetRequiredService<CaseFactsLoader>().LoadAsync(testCase.CaseId);
        Assert.Contains(new DateOnly(2026, 11, 30), snapshot!.Facts.BankHolidays); // St Andrew's Day, Scotland only
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "ApprenticeNationChanged" && a.Details!.Contains("Scotland"))));
    }

    [Fact]
    public async Task ImportingBankHolidays_ANewerCopy_IsUsedAndAudited_AndAnOlderOneRefusedKeepingWhatWasPasted()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        var source = factory.Services.GetRequiredService<BankHolidaySource>();

        var older = await admin.SubmitFormAsync("/admin/bank-holidays", new Dictionary<string, string> { ["json"] = Feed(2027) }, "form#bank-holiday-import");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, older.StatusCode);
        var page = await PortalClient.ParseAsync(older);
        Assert.Contains("this copy is older", page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Feed(2027), page.QuerySelector("textarea#json")!.TextContent);
        Assert.Null(source.FeedId);

        try
        {
            var newer = await admin.SubmitFormAsync("/admin/bank-holidays", new Dictionary<string, string> { ["json"] = Feed(2031) }, "form#bank-holiday-import");

            Assert.Equal(HttpStatusCode.Redirect, newer.StatusCode);
            Assert.Equal(new DateOnly(2031, 12, 25), source.Current.LastDay(UkNation.NorthernIreland));
            Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == BankHolidaysService.Imported)));
            var (_, listing) = await admin.GetPageAsync("/admin/bank-holidays");
            Assert.Contains("25 December 2031", listing.QuerySelector("#bank-holiday-coverage")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            // The other tests of this class count with the real bank holidays.
            source.Use(BankHolidayCalendar.UnitedKingdom, int.MaxValue);
        }
    }

    [Fact]
    public async Task ABriefOpeningTomorrow_IsRefusedNamingTheNoticeRuleAndTheEarliestDay_AndKeepsWhatWasTyped()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), factory.Clock.LocalTimeZone).DateTime);

        var response = await assessor.SubmitFormAsync($"/assessor/cases/{testCase.CaseId}/project", new Dictionary<string, string>
        {
            ["Title"] = "Rushed brief",
            ["Text"] = "Typed text that must survive the refusal.",
            ["OpensOn"] = Iso(today.AddDays(1)),
            ["OpensAt"] = "09:00",
        }, "form.project-brief-form");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await PortalClient.ParseAsync(response);
        var problems = document.QuerySelector("#problems")!.TextContent;
        var earliest = AssessorJourney.FirstDayWithNotice(factory);
        Assert.Contains("Project notice:", problems, StringComparison.Ordinal);
        Assert.Contains(earliest.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture), problems, StringComparison.Ordinal);
        Assert.Equal("Typed text that must survive the refusal.", document.QuerySelector("textarea#Text")!.TextContent);
        Assert.Null(document.QuerySelector("textarea#OverrideReason")); // assessors cannot override
        Assert.Equal(CaseState.GatewayApproved, await AssessorJourney.StateAsync(factory, testCase.CaseId));
    }

    [Fact]
    public async Task AnAdmin_OverridesTheNoticeRule_OnlyWithAReason_RecordedOnTheCase()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var opensOn = WorkingDays.Add(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), factory.Clock.LocalTimeZone).DateTime), 1,
            BankHolidayCalendar.UnitedKingdom.For(UkNation.EnglandAndWales));
        var fields = new Dictionary<string, string>
        {
            ["Title"] = "Short-notice brief",
            ["Text"] = "Agreed with the employer.",
            ["OpensOn"] = Iso(opensOn),
            ["OpensAt"] = "09:00",
        };

        var refused = await admin.SubmitFormAsync($"/assessor/cases/{testCase.CaseId}/project", fields, "form.project-brief-form");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("only by giving the reason for the override", (await PortalClient.ParseAsync(refused)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);

        fields["OverrideReason"] = "The employer's office closes for a month from next week.";
        var accepted = await admin.SubmitFormAsync($"/assessor/cases/{testCase.CaseId}/project", fields, "form.project-brief-form");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(CaseState.ProjectScheduled, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        var recorded = await factory.WithDbAsync(db => db.ProjectSubmissions.Where(p => p.CaseId == testCase.CaseId).Select(p => p.ScheduleOverrideReason).SingleAsync());
        Assert.Equal("Project notice: The employer's office closes for a month from next week.", recorded);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == testCase.CaseId && a.ToState == nameof(CaseState.ProjectScheduled) && a.Reason == "The employer's office closes for a month from next week.")));
        var (_, casePage) = await admin.GetPageAsync($"/admin/cases/{testCase.CaseId}");
        Assert.Contains("Project scheduled against the timing rules", casePage.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BookingAnInterviewWithoutNotice_IsRefusedNamingTheRule()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);
        var notes = await AssessorJourney.CompleteNotesFormAsync(assessor, testCase.CaseId, "Notes", "Why this design?");
        Assert.Equal(HttpStatusCode.Redirect, (await notes.PostAsync(assessor)).StatusCode);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), factory.Clock.LocalTimeZone).DateTime);

        var form = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/interview", "form.booking-form");
        form.Set("Day", Iso(today.AddDays(1))).Set("Time", "10:00").Set("Mode", "VideoCall").Set("Location", "https://video.example.test/room-2");
        var response = await form.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await PortalClient.ParseAsync(response)).QuerySelector("#problems")!.TextContent;
        Assert.Contains("Interview notice:", problems, StringComparison.Ordinal);
        Assert.Contains(AssessorJourney.FirstDayWithNotice(factory).ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture), problems, StringComparison.Ordinal);
        Assert.Equal(CaseState.PreInterviewReview, await AssessorJourney.StateAsync(factory, testCase.CaseId));
    }

    [Fact]
    public async Task CompletingAnInterviewFarShorterThanBooked_AsksForAReason_ThenRecordsIt()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        var startsAt = await factory.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == testCase.CaseId).Select(i => i.StartsAt).SingleAsync());
        factory.Clock.Advance(startsAt.AddMinutes(1) - factory.Clock.GetUtcNow());
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var form = await AssessorJourney.AnsweredRecordFormAsync(assessor, testCase.CaseId, "Short answer");
        form.Set("Complete", "true");
        var refused = await form.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Contains("far shorter than the 60 minutes booked: give the reason it ended early", page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("textarea#EarlyEndReason"));
        Assert.Equal(CaseState.InterviewScheduled, await AssessorJourney.StateAsync(factory, testCase.CaseId));

        var again = await AssessorJourney.AnsweredRecordFormAsync(assessor, testCase.CaseId, "Short answer");
        again.Set("Complete", "true").Set("EarlyEndReason", "The apprentice felt unwell; agreed to stop.");
        Assert.Equal(HttpStatusCode.Redirect, (await again.PostAsync(assessor)).StatusCode);
        Assert.Equal(CaseState.InterviewCompleted, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == testCase.CaseId && a.ToState == nameof(CaseState.InterviewCompleted) && a.Reason == "The apprentice felt unwell; agreed to stop.")));
    }

    [Fact]
    public async Task ACaseBeyondItsEpaPeriod_IsFlaggedOverdue_OnTheDashboardTheCaseloadAndTheCase()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        await factory.WithDbAsync(async db =>
        {
            var epaCase = await db.Cases.SingleAsync(c => c.Id == testCase.CaseId);
            db.Entry(epaCase).Property(c => c.GatewayApprovedAt).CurrentValue = factory.Clock.GetUtcNow().AddMonths(-4);
            await db.SaveChangesAsync();
        });

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, dashboard) = await admin.GetPageAsync("/admin");
        var row = dashboard.QuerySelectorAll("#epa-deadlines tr[data-epa-status]").Single(r => r.QuerySelector($"a[href='/admin/cases/{testCase.CaseId}']") is not null);
        Assert.Equal("Overdue", row.GetAttribute("data-epa-status"));

        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var uln = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == testCase.CaseId).Select(c => c.Apprentice!.Uln).SingleAsync());
        var (_, caseload) = await assessor.GetPageAsync($"/assessor?search={uln}");
        Assert.NotNull(caseload.QuerySelector($"tr[data-case='{testCase.CaseId}'] .epa-flag[data-epa-status='Overdue']"));
        var (_, review) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}");
        Assert.Equal("Overdue", review.QuerySelector(".epa-deadline")!.GetAttribute("data-status"));
    }
}
