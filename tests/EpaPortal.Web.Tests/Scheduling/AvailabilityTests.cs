using System.Globalization;
using System.Net;
using EpaPortal.Domain.Adjustments;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Adjustments;
using EpaPortal.Web.Features.Scheduling;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using IcalCalendar = Ical.Net.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Scheduling;

/// <summary>Issue 18, items 4 and 6: the assessor's hours and leave, free slots and clashes when booking, the
/// private calendar feed, and reasonable adjustments recorded by an admin, seen by the assessor, applied to timings.</summary>
[Trait(Category.Name, Category.Integration)]
public class AvailabilityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IReadOnlyCollection<DateOnly> Holidays => BankHolidayCalendar.UnitedKingdom.For(UkNation.EnglandAndWales);

    /// <summary>A case of <paramref name="assessorEmail"/> in PreInterviewReview with its notes and a question: ready to book.</summary>
    private async Task<TestCase> ReadyToBookAsync(PortalClient assessor, string assessorEmail)
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted, assessorEmail);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);
        var notes = await AssessorJourney.CompleteNotesFormAsync(assessor, testCase.CaseId, "Notes", "Why this design?");
        Assert.Equal(HttpStatusCode.Redirect, (await notes.PostAsync(assessor)).StatusCode);
        return testCase;
    }

    private static Dictionary<string, string> Hours(string starts, string ends, params DayOfWeek[] days)
    {
        var fields = new Dictionary<string, string>();
        var week = AvailabilityViewModel.Week;
        for (var i = 0; i < week.Count; i++)
        {
            fields[$"Hours.Days[{i}].Day"] = week[i].ToString();
            fields[$"Hours.Days[{i}].Starts"] = starts;
            fields[$"Hours.Days[{i}].Ends"] = ends;
            fields[$"Hours.Days[{i}].Works"] = days.Contains(week[i]) ? "true" : "false";
        }

        return fields;
    }

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Fact]
    public async Task AnAssessorsHoursAndLeave_LimitTheFreeSlotsOffered_AndABookingOutsideThemNeedsAnAdminsReason()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor2);
        var testCase = await ReadyToBookAsync(assessor, Demo.Assessor2);
        var leaveDay = AssessorJourney.FirstDayWithNotice(factory);

        var hours = await PostAvailabilityAsync(assessor, "form.hours-form", Hours("13:00", "16:00", Weekdays));
        Assert.Equal(HttpStatusCode.Redirect, hours.StatusCode);
        var leave = await PostAvailabilityAsync(assessor, "form.leave-form", new() { ["NewLeave.FirstDay"] = Iso(leaveDay), ["NewLeave.LastDay"] = Iso(leaveDay), ["NewLeave.Note"] = "Dentist" });
        Assert.Equal(HttpStatusCode.Redirect, leave.StatusCode);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/interview");
        var slots = page.QuerySelectorAll("input[name='Slot']").Select(i => DateTime.ParseExact(i.GetAttribute("value")!, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.InRange(TimeOnly.FromDateTime(s), new TimeOnly(13, 0), new TimeOnly(15, 0))); // a 60-minute interview ends by 16:00
        Assert.DoesNotContain(slots, s => DateOnly.FromDateTime(s) == leaveDay);

        var outside = WorkingDays.Add(leaveDay, 1, Holidays);
        var refused = await BookAsync(assessor, testCase.CaseId, outside, "10:00");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"Assessor availability: on {outside.DayOfWeek}s the assessor works from 13:00 to 16:00", (await PortalClient.ParseAsync(refused)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);

        using var admin = await factory.SignInAsync(Demo.Admin);
        var accepted = await BookAsync(admin, testCase.CaseId, outside, "10:00", overrideReason: "The apprentice can only attend in the morning; the assessor agreed.");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(CaseState.InterviewScheduled, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        var recorded = await factory.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == testCase.CaseId).Select(i => i.ScheduleOverrideReason).SingleAsync());
        Assert.Contains("Assessor availability", recorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChoosingAFreeSlot_BooksThatTime()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var testCase = await ReadyToBookAsync(assessor, Demo.Assessor);
        var form = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/interview", "form.booking-form");
        var slot = form.Page.QuerySelectorAll("input[name='Slot']").Select(i => i.GetAttribute("value")!).Last();

        form.Set("Slot", slot).Set("Mode", "VideoCall").Set("Location", "https://video.example.test/slot");
        var response = await form.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var startsAt = await factory.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == testCase.CaseId).Select(i => i.StartsAt).SingleAsync());
        Assert.Equal(slot, TimeZoneInfo.ConvertTime(startsAt, factory.Clock.LocalTimeZone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task BookingOverAnotherInterviewOfTheAssessor_IsRefusedAsAClash_EvenForAnAdminWithAReason()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var first = await ReadyToBookAsync(assessor, Demo.Assessor);
        var second = await ReadyToBookAsync(assessor, Demo.Assessor);
        var day = WorkingDays.Add(AssessorJourney.FirstDayWithNotice(factory), 3, Holidays);
        Assert.Equal(HttpStatusCode.Redirect, (await BookAsync(assessor, first.CaseId, day, "14:00")).StatusCode);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{second.CaseId}/interview");
        var offered = page.QuerySelectorAll("input[name='Slot']").Select(i => i.GetAttribute("value")).ToList();
        Assert.DoesNotContain($"{Iso(day)}T13:30", offered);
        Assert.DoesNotContain($"{Iso(day)}T14:30", offered);
        Assert.Contains($"{Iso(day)}T15:00", offered);

        using var admin = await factory.SignInAsync(Demo.Admin);
        var refused = await BookAsync(admin, second.CaseId, day, "14:30", overrideReason: "Trying to squeeze it in.");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problems = (await PortalClient.ParseAsync(refused)).QuerySelector("#problems")!.TextContent;
        Assert.Contains($"Clash: The assessor already has an interview on {day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)} from 14:00 to 15:00", problems, StringComparison.Ordinal);
        Assert.Contains("A clash cannot be overridden", problems, StringComparison.Ordinal);
        Assert.Equal(CaseState.PreInterviewReview, await AssessorJourney.StateAsync(factory, second.CaseId));
    }

    [Fact]
    public async Task BookingOverAnotherInterviewOfTheApprentice_WithAnotherAssessor_IsRefusedAsAClash()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        using var assessor2 = await factory.SignInAsync(Demo.Assessor2);
        var first = await ReadyToBookAsync(assessor, Demo.Assessor);

        // The same apprentice's other case (a second standard, say) with another assessor.
        int secondId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.PortalDbContext>();
            var apprenticeId = await db.Apprentices.Where(a => a.Email == first.ApprenticeEmail).Select(a => a.Id).SingleAsync();
            secondId = await new TestSupport.TestScenarios(scope.ServiceProvider).CreateAsync(apprenticeId, CaseState.ProjectSubmitted, new Web.Data.Seed.ScenarioOptions { AssessorEmail = Demo.Assessor2 });
        }

        await AssessorJourney.StartReviewAsync(assessor2, secondId);
        var notes = await AssessorJourney.CompleteNotesFormAsync(assessor2, secondId, "Notes", "How did you test it?");
        Assert.Equal(HttpStatusCode.Redirect, (await notes.PostAsync(assessor2)).StatusCode);
        var day = WorkingDays.Add(AssessorJourney.FirstDayWithNotice(factory), 9, Holidays);
        Assert.Equal(HttpStatusCode.Redirect, (await BookAsync(assessor2, secondId, day, "14:00")).StatusCode);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{first.CaseId}/interview");
        var offered = page.QuerySelectorAll("input[name='Slot']").Select(i => i.GetAttribute("value")).ToList();
        Assert.DoesNotContain($"{Iso(day)}T14:30", offered);
        var refused = await BookAsync(assessor, first.CaseId, day, "14:30");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problems = (await PortalClient.ParseAsync(refused)).QuerySelector("#problems")!.TextContent;
        Assert.Contains($"Clash: The apprentice already has an interview on {day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)} from 14:00 to 15:00 (case {secondId})", problems, StringComparison.Ordinal);
        Assert.Equal(CaseState.PreInterviewReview, await AssessorJourney.StateAsync(factory, first.CaseId));
        Assert.Equal(HttpStatusCode.Redirect, (await BookAsync(assessor, first.CaseId, day, "15:00")).StatusCode);
    }

    [Fact]
    public async Task TheCalendarFeed_CarriesTheAssessorsProjectWindows_ParsedBackWithIcalNet()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved, Demo.Assessor2);
        using var assessor = await factory.SignInAsync(Demo.Assessor2);
        var opensOn = WorkingDays.Add(AssessorJourney.FirstDayWithNotice(factory), 2, Holidays);
        var scheduled = await assessor.SubmitFormAsync($"/assessor/cases/{testCase.CaseId}/project", new Dictionary<string, string>
        {
            ["Title"] = "A booking service",
            ["Text"] = "Build a small booking service with tests.",
            ["OpensOn"] = Iso(opensOn),
            ["OpensAt"] = "09:00",
            ["ClosesOn"] = string.Empty,
            ["ClosesAt"] = string.Empty,
        }, "form.project-brief-form");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var window = await factory.WithDbAsync(db => db.ProjectSubmissions.Where(p => p.CaseId == testCase.CaseId).Select(p => new { p.WindowOpensAt, p.WindowClosesAt, p.Attempt }).SingleAsync());
        var name = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == testCase.CaseId).Select(c => c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName).SingleAsync());

        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var calendar = IcalCalendar.Load(await anonymous.GetStringAsync(new Uri(await IssueFeedAsync(assessor)).AbsolutePath))!;

        var project = Assert.Single(calendar.Events, e => e.Uid == $"project-{testCase.CaseId}-{window.Attempt}@epaportal");
        Assert.Equal($"EPA project window: {name} (case {testCase.CaseId})", project.Summary);
        Assert.Equal(window.WindowOpensAt.UtcDateTime, project.DtStart!.AsUtc);
        Assert.Equal(window.WindowClosesAt.UtcDateTime, project.DtEnd!.AsUtc);
        Assert.Equal("TRANSPARENT", project.Transparency);
        Assert.Equal("CONFIRMED", project.Status);
        Assert.DoesNotContain(calendar.Events, e => e.Summary!.Contains("A booking service", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadHoursAndLeave_AreRefusedWithClearMessages_KeepingWhatWasTyped()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var fields = Hours("09:00", "17:00", Weekdays);
        fields["Hours.Days[0].Starts"] = "15:00";
        fields["Hours.Days[0].Ends"] = "09:00";

        var hours = await PostAvailabilityAsync(assessor, "form.hours-form", fields);

        Assert.Equal(HttpStatusCode.BadRequest, hours.StatusCode);
        var page = await PortalClient.ParseAsync(hours);
        Assert.Contains("Monday: the working day must end after it starts (15:00 to 09:00).", page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("15:00", page.QuerySelector("#Starts-Monday")!.GetAttribute("value"));

        var none = await PostAvailabilityAsync(assessor, "form.hours-form", Hours("09:00", "17:00"));
        Assert.Contains("Tick at least one day you work", (await PortalClient.ParseAsync(none)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);

        var leave = await PostAvailabilityAsync(assessor, "form.leave-form", new() { ["NewLeave.FirstDay"] = "2027-03-05", ["NewLeave.LastDay"] = "2027-03-03", ["NewLeave.Note"] = "Half term" });
        Assert.Equal(HttpStatusCode.BadRequest, leave.StatusCode);
        var leavePage = await PortalClient.ParseAsync(leave);
        Assert.Contains("The last day (3 March 2027) must be on or after the first day (5 March 2027).", leavePage.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Half term", leavePage.QuerySelector("#NewLeave_Note")!.GetAttribute("value"));
    }

    [Fact]
    public async Task TheCalendarFeed_ListsTheAssessorsInterviewsWithOnlyTimesCaseAndName_AndStopsWhenRevokedOrReissued()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var testCase = await ReadyToBookAsync(assessor, Demo.Assessor);
        var day = WorkingDays.Add(AssessorJourney.FirstDayWithNotice(factory), 6, Holidays);
        Assert.Equal(HttpStatusCode.Redirect, (await BookAsync(assessor, testCase.CaseId, day, "11:00", location: "https://video.example.test/secret-room")).StatusCode);
        var interview = await factory.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == testCase.CaseId).Select(i => new { i.CalendarUid, i.CalendarSequence, i.StartsAt }).SingleAsync());
        var name = await factory.WithDbAsync(db => db.Cases.Where(c => c.Id == testCase.CaseId).Select(c => c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName).SingleAsync());

        var url = await IssueFeedAsync(assessor);
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync(new Uri(url).AbsolutePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var calendar = IcalCalendar.Load(text)!;
        var booked = Assert.Single(calendar.Events, e => e.Uid == interview.CalendarUid.ToString("D"));
        Assert.Equal(interview.CalendarSequence, booked.Sequence);
        Assert.Equal(interview.StartsAt.UtcDateTime, booked.DtStart!.AsUtc);
        Assert.Equal($"EPA interview: {name} (case {testCase.CaseId})", booked.Summary);
        Assert.Null(booked.Location);
        Assert.DoesNotContain("secret-room", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Why this design?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Notes", text, StringComparison.Ordinal);

        var again = await IssueFeedAsync(assessor);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(url).AbsolutePath)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(again).AbsolutePath)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAvailabilityAsync(assessor, "form[action$='/feed/revoke']", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(again).AbsolutePath)).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AvailabilityService.FeedRevoked)));
    }

    [Fact]
    public async Task MovingABookedInterview_KeepsTheFeedEventsUid_AndRaisesItsSequence()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var testCase = await ReadyToBookAsync(assessor, Demo.Assessor);
        var day = WorkingDays.Add(AssessorJourney.FirstDayWithNotice(factory), 7, Holidays);
        Assert.Equal(HttpStatusCode.Redirect, (await BookAsync(assessor, testCase.CaseId, day, "09:00")).StatusCode);
        var uid = await factory.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == testCase.CaseId).Select(i => i.CalendarUid).SingleAsync());
        var url = new Uri(await IssueFeedAsync(assessor)).AbsolutePath;
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var before = IcalCalendar.Load(await anonymous.GetStringAsync(url))!.Events.Single(e => e.Uid == uid.ToString("D"));

        var form = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/interview", "form.booking-form");
        form.Set("Time", "15:00").Set("Reason", "The apprentice asked for the afternoon.");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(assessor)).StatusCode);

        var after = IcalCalendar.Load(await anonymous.GetStringAsync(url))!.Events.Single(e => e.Uid == uid.ToString("D"));
        Assert.True(after.Sequence > before.Sequence);
        Assert.Equal(15, TimeZoneInfo.ConvertTime(new DateTimeOffset(after.DtStart!.AsUtc, TimeSpan.Zero), factory.Clock.LocalTimeZone).Hour);
    }

    [Fact]
    public async Task AnApprovedAdjustment_IsShownToTheAssessorWithoutItsDetails_AndLengthensTheInterview()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var testCase = await ReadyToBookAsync(assessor, Demo.Assessor);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var url = $"/admin/cases/{testCase.CaseId}/adjustments";

        var bad = await admin.SubmitUploadFormAsync(url, new Dictionary<string, string> { ["Input.Type"] = "ExtraTime", ["Input.Details"] = "", ["Input.ExtraInterviewMinutes"] = "500" }, "form.adjustment-form");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await PortalClient.ParseAsync(bad);
        var problems = badPage.QuerySelector("#problems")!.TextContent;
        Assert.Contains("Describe the adjustment and why it is needed.", problems, StringComparison.Ordinal);
        Assert.Contains("Extra interview time is from 0 to 120 minutes.", problems, StringComparison.Ordinal);
        Assert.Equal("500", badPage.QuerySelector("#Input_ExtraInterviewMinutes")!.GetAttribute("value"));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitUploadFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Type"] = "ExtraTime",
            ["Input.Details"] = "Dyslexia: diagnostic report from the educational psychologist.",
            ["Input.ExtraInterviewMinutes"] = "30",
        }, "form.adjustment-form")).StatusCode);
        var id = await factory.WithDbAsync(db => db.ReasonableAdjustments.Where(a => a.CaseId == testCase.CaseId).Select(a => a.Id).SingleAsync());

        var (_, pending) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/interview");
        Assert.Null(pending.QuerySelector(".approved-adjustments"));
        Assert.Equal("60", pending.QuerySelector("#DurationMinutes")!.GetAttribute("value"));

        var noReason = await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Decision.Approve"] = "true" }, $"form[action$='/{id}/decide']");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Give the reason for the decision", (await PortalClient.ParseAsync(noReason)).QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Decision.Approve"] = "true", ["Decision.Reason"] = "Supported by the report." }, $"form[action$='/{id}/decide']")).StatusCode);

        var (_, approved) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/interview");
        Assert.Contains("Extra time: Interview 30 minutes longer", approved.QuerySelector(".approved-adjustments")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Dyslexia", approved.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("90", approved.QuerySelector("#DurationMinutes")!.GetAttribute("value"));
        var slots = approved.QuerySelectorAll("input[name='Slot']").Select(i => TimeOnly.ParseExact(i.GetAttribute("value")![11..], "HH:mm", CultureInfo.InvariantCulture)).ToList();
        Assert.DoesNotContain(new TimeOnly(16, 0), slots); // 90 minutes from 16:00 would end after 17:00
        Assert.Contains(new TimeOnly(15, 30), slots);
        Assert.Equal(AdjustmentStatus.Approved, await factory.WithDbAsync(db => db.ReasonableAdjustments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));

        using var qa = await factory.SignInAsync(Demo.QualityAssurer);
        var (_, qaPage) = await qa.GetPageAsync($"/quality/cases/{testCase.CaseId}");
        Assert.Contains("Extra time: Interview 30 minutes longer", qaPage.QuerySelector(".approved-adjustments")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Dyslexia", qaPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == testCase.CaseId && a.Action == AdjustmentsService.AdjustmentDecided && a.Reason == "Supported by the report.")));
    }

    [Fact]
    public async Task AnApprovedAdjustmentOfTwoProjectDays_LengthensTheProjectWindowTheBriefGets()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved);
        using var admin = await factory.SignInAsync(Demo.Admin);
        await ApproveAsync(admin, testCase.CaseId, "ExtraTime", extraProjectDays: 2, extraInterviewMinutes: 0);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var opensOn = AssessorJourney.FirstDayWithNotice(factory);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/project");
        Assert.Contains("runs 7 working days in a row", page.Body!.TextContent, StringComparison.Ordinal);
        var response = await assessor.SubmitFormAsync($"/assessor/cases/{testCase.CaseId}/project", new Dictionary<string, string>
        {
            ["Title"] = "A booking service",
            ["Text"] = "Build a small booking service with tests.",
            ["OpensOn"] = Iso(opensOn),
            ["OpensAt"] = "09:00",
            ["ClosesOn"] = string.Empty,
            ["ClosesAt"] = string.Empty,
        }, "form.project-brief-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var closes = await factory.WithDbAsync(db => db.ProjectSubmissions.Where(p => p.CaseId == testCase.CaseId).Select(p => p.WindowClosesAt).SingleAsync());
        Assert.Equal(WorkingDays.Add(opensOn, 7, Holidays).ToDateTime(new TimeOnly(9, 0)), TimeZoneInfo.ConvertTime(closes, factory.Clock.LocalTimeZone).DateTime);
    }

    [Fact]
    public async Task WithdrawingACase_ShowsItsInterviewAsCancelledInTheFeed_WithTheSameUid()
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var testCase = await ReadyToBookAsync(assessor, Demo.Assessor);
        var day = WorkingDays.Add(AssessorJourney.FirstDayWithNotice(factory), 8, Holidays);
        Assert.Equal(HttpStatusCode.Redirect, (await BookAsync(assessor, testCase.CaseId, day, "12:00")).StatusCode);
        var uid = await factory.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == testCase.CaseId).Select(i => i.CalendarUid).SingleAsync());
        var url = new Uri(await IssueFeedAsync(assessor)).AbsolutePath;
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal("CONFIRMED", IcalCalendar.Load(await anonymous.GetStringAsync(url))!.Events.Single(e => e.Uid == uid.ToString("D")).Status);

        using var admin = await factory.SignInAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/cases/{testCase.CaseId}/withdraw", new Dictionary<string, string> { ["Input.Reason"] = "The apprentice left the employer." })).StatusCode);

        Assert.Equal("CANCELLED", IcalCalendar.Load(await anonymous.GetStringAsync(url))!.Events.Single(e => e.Uid == uid.ToString("D")).Status);
    }

    [Fact]
    public async Task AnEmployersRequest_IsDecidedByAnAdmin_AndTheEmployerSeesTheDecisionWithTheReason()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.GatewayApproved);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var url = $"/employer/cases/{testCase.CaseId}/adjustments";

        var missing = await employer.SubmitUploadFormAsync(url, new Dictionary<string, string> { ["Input.Details"] = "Typed and kept." }, "form.adjustment-form");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var missingPage = await PortalClient.ParseAsync(missing);
        Assert.Contains("Choose the kind of adjustment.", missingPage.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Typed and kept.", missingPage.QuerySelector("#Input_Details")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await employer.SubmitUploadFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Type"] = "RestBreaks",
            ["Input.Details"] = "Anxiety: a five-minute break every half hour (GP letter).",
        }, "form.adjustment-form")).StatusCode);

        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, adminPage) = await admin.GetPageAsync($"/admin/cases/{testCase.CaseId}/adjustments");
        Assert.Contains("Anxiety: a five-minute break", adminPage.QuerySelector("table.adjustments")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/cases/{testCase.CaseId}/adjustments", new Dictionary<string, string> { ["Decision.Approve"] = "true", ["Decision.Reason"] = "Reasonable and supported." }, "form[action$='/decide']")).StatusCode);

        var (_, employerPage) = await employer.GetPageAsync(url);
        Assert.Contains("Approved: Reasonable and supported.", employerPage.QuerySelector(".adjustment-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Anxiety", employerPage.QuerySelector("table.adjustments")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CaseId == testCase.CaseId && a.Action == AdjustmentsService.AdjustmentRecorded)));
    }

    private static async Task ApproveAsync(PortalClient admin, int caseId, string type, int extraProjectDays, int extraInterviewMinutes)
    {
        var url = $"/admin/cases/{caseId}/adjustments";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitUploadFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Type"] = type,
            ["Input.Details"] = "Agreed before the gateway.",
            ["Input.ExtraProjectWorkingDays"] = extraProjectDays.ToString(CultureInfo.InvariantCulture),
            ["Input.ExtraInterviewMinutes"] = extraInterviewMinutes.ToString(CultureInfo.InvariantCulture),
        }, "form.adjustment-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(url, new Dictionary<string, string> { ["Decision.Approve"] = "true", ["Decision.Reason"] = "Agreed." }, "form[action$='/decide']")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAvailabilityAsync(PortalClient client, string formSelector, Dictionary<string, string> fields) =>
        client.SubmitFormAsync("/assessor/availability", fields, formSelector);

    private static async Task<string> IssueFeedAsync(PortalClient assessor)
    {
        var response = await PostAvailabilityAsync(assessor, "form[action$='/availability/feed']", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await PortalClient.ParseAsync(response)).QuerySelector("input.feed-url")!.GetAttribute("value")!;
    }

    private static async Task<HttpResponseMessage> BookAsync(PortalClient client, int caseId, DateOnly day, string time, string? overrideReason = null, string location = "https://video.example.test/room-9")
    {
        var form = await FormData.LoadAsync(client, $"/assessor/cases/{caseId}/interview", "form.booking-form");
        form.Set("Day", Iso(day)).Set("Time", time).Set("Mode", "VideoCall").Set("Location", location);
        if (overrideReason is not null)
        {
            form.Set("OverrideReason", overrideReason);
        }

        return await form.PostAsync(client);
    }
}
