using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// Issue 18 as an assessor and an admin see it: a project window without the plan's notice is refused with
/// the rule and the first day that would do (what was typed stays), on a desktop and a 390 px phone; a case
/// past its EPA period is flagged on the admin dashboard and in the assessor's caseload.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class SchedulingJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task AProjectWindowWithoutNotice_IsRefusedNamingTheRuleAndADate_OnDesktopAndPhone()
    {
        var journey = await JourneyData.CaseAsync(Portal, CaseState.GatewayApproved, "Ola Notice", new ScenarioOptions { AssessorEmail = Demo.Assessor });
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Portal.Clock.GetUtcNow(), Portal.Clock.LocalTimeZone).DateTime).AddDays(1);

        foreach (var (width, suffix) in new[] { (1280, string.Empty), (390, "-phone") })
        {
            var page = await SignInAsync(Demo.Assessor);
            await page.SetViewportSizeAsync(width, 900);
            await CheckPageAsync(page);
            await page.GotoAsync($"/assessor/cases/{journey.CaseId}/project");
            await page.GetByLabel("Title").FillAsync("Booking service");
            await page.GetByLabel("Brief").FillAsync("Build a small booking service with tests.");
            await page.Locator("#OpensOn").FillAsync(tomorrow.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#OpensOn_Month").FillAsync(tomorrow.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#OpensOn_Year").FillAsync(tomorrow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#OpensAt").FillAsync("09:00");
            await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the project" }).ClickAsync();

            await Expect(page.Locator("#problems")).ToContainTextAsync("Project notice:");
            await Expect(page.Locator("#problems")).ToContainTextAsync("at the earliest");
            await Expect(page.GetByLabel("Brief")).ToHaveValueAsync("Build a small booking service with tests.");
            await CheckPageAsync(page, $"scheduling-project-notice-refused{suffix}");
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"The page scrolls sideways at {width} px.");
        }

        Assert.Equal(CaseState.GatewayApproved, await JourneyData.StateAsync(Portal, journey.CaseId));
    }

    [BrowserFact]
    public async Task ACasePastItsEpaPeriod_IsFlaggedOnTheDashboardAndTheCaseload_OnDesktopAndPhone()
    {
        var journey = await JourneyData.CaseAsync(Portal, CaseState.PreInterviewReview, "Remy Overdue", new ScenarioOptions { AssessorEmail = Demo.Assessor });
        await Portal.WithDbAsync(async db =>
        {
            var epaCase = await db.Cases.SingleAsync(c => c.Id == journey.CaseId);
            db.Entry(epaCase).Property(c => c.GatewayApprovedAt).CurrentValue = Portal.Clock.GetUtcNow().AddMonths(-4);
            await db.SaveChangesAsync();
        });

        foreach (var (width, suffix) in new[] { (1280, string.Empty), (390, "-phone") })
        {
            var admin = await SignInAsync(Demo.Admin);
            await admin.SetViewportSizeAsync(width, 900);
            await admin.GotoAsync("/admin");
            await Expect(admin.Locator($"#epa-deadlines tr[data-epa-status='Overdue'] a[href='/admin/cases/{journey.CaseId}']")).ToBeVisibleAsync();
            await CheckPageAsync(admin, $"scheduling-dashboard-epa-flags{suffix}");

            var assessor = await SignInAsync(Demo.Assessor);
            await assessor.SetViewportSizeAsync(width, 900);
            await assessor.GotoAsync($"/assessor?search={journey.Uln}");
            await Expect(assessor.Locator($"tr[data-case='{journey.CaseId}'] .epa-flag[data-epa-status='Overdue']")).ToBeVisibleAsync();
            await CheckPageAsync(assessor, $"scheduling-caseload-epa-flag{suffix}");
        }
    }

    [BrowserFact]
    public async Task AnAssessorMovesTheInterviewToAFreeSlot_WithTheAdjustedLength_OnDesktopAndPhone()
    {
        var journey = await JourneyData.CaseAsync(Portal, CaseState.InterviewScheduled, "Ada Adjusted", new ScenarioOptions { AssessorEmail = Demo.Assessor });
        var admin = await SignInAsync(Demo.Admin, returnPath: $"/admin/cases/{journey.CaseId}/adjustments");
        await admin.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Extra time" });
        await admin.GetByLabel("Details and why it is needed (admins and the requester only)").FillAsync("Dyslexia: report from the educational psychologist.");
        await admin.GetByLabel("Extra interview time (minutes)").FillAsync("30");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Record the adjustment" }).ClickAsync();
        await admin.Locator("input[name='Decision.Approve'][value='true']").First.CheckAsync();
        await admin.Locator("textarea[name='Decision.Reason']").First.FillAsync("Supported by the report.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Decide" }).ClickAsync();
        await Expect(admin.Locator(".adjustment-status").First).ToContainTextAsync("Approved");
        await CheckPageAsync(admin, "admin-reasonable-adjustments");

        foreach (var (width, suffix) in new[] { (1280, string.Empty), (390, "-phone") })
        {
            var page = await SignInAsync(Demo.Assessor, returnPath: "/assessor/availability");
            await page.SetViewportSizeAsync(width, 900);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My calendar and availability" })).ToBeVisibleAsync();
            await CheckPageAsync(page, $"assessor-calendar-availability{suffix}");

            await page.GotoAsync($"/assessor/cases/{journey.CaseId}/interview");
            await Expect(page.Locator(".approved-adjustments")).ToContainTextAsync("Extra time: Interview 30 minutes longer");
            await Expect(page.Locator(".booking-form")).ToContainTextAsync("Standard for this case: 90");
            await page.GetByLabel("Length (minutes)").FillAsync("90");
            var slot = page.Locator("input[name='Slot']").Last;
            var chosen = await slot.GetAttributeAsync("value");
            await slot.CheckAsync();
            await page.GetByLabel("Reason for moving it", new() { Exact = false }).FillAsync("The apprentice's adjustment needs 90 minutes.");
            await CheckPageAsync(page, $"assessor-interview-free-slots{suffix}");
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"The interview page scrolls sideways at {width} px.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Move the interview" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The interview has been moved." })).ToBeVisibleAsync();
            await CheckPageAsync(page);

            var booked = await Portal.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == journey.CaseId).Select(i => new { i.StartsAt, i.DurationMinutes }).SingleAsync());
            Assert.Equal(90, booked.DurationMinutes);
            Assert.Equal(chosen, TimeZoneInfo.ConvertTime(booked.StartsAt, Portal.Clock.LocalTimeZone).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [BrowserFact]
    public async Task AnEmployersAdjustmentWithEvidence_IsApproved_AndTheAssessorBooksAFreeSlotAtTheAdjustedLength()
    {
        // A case in the pre-interview review with the assessor's notes and questions ready: book the first interview.
        var journey = await JourneyData.CaseAsync(Portal, CaseState.InterviewScheduled, "Bea Booked", new ScenarioOptions { AssessorEmail = Demo.Assessor });
        await Portal.WithDbAsync(async db =>
        {
            await db.Interviews.Where(i => i.CaseId == journey.CaseId).ExecuteDeleteAsync();
            await db.Cases.Where(c => c.Id == journey.CaseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CaseState.PreInterviewReview));
        });

        var employer = await SignInAsync(Demo.Employer, returnPath: $"/employer/cases/{journey.CaseId}/adjustments");
        await employer.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Extra time" });
        await employer.GetByLabel("What is needed and why", new() { Exact = false }).FillAsync("Dyslexia: extra time for reading, as the psychologist's report says.");
        await employer.GetByLabel("Extra interview time asked for (minutes)").FillAsync("30");
        await employer.GetByLabel("Evidence (optional)", new() { Exact = false }).SetInputFilesAsync(new FilePayload
        {
            Name = "psychologist-report.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.7\n% report\n1 0 obj <<>> endobj\n"u8.ToArray(),
        });
        await CheckPageAsync(employer, "employer-adjustment-request");
        await employer.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(employer.Locator("a.adjustment-evidence")).ToContainTextAsync("psychologist-report.pdf");

        var admin = await SignInAsync(Demo.Admin, returnPath: $"/admin/cases/{journey.CaseId}/adjustments");
        await Expect(admin.Locator("a.adjustment-evidence")).ToContainTextAsync("psychologist-report.pdf");
        await admin.Locator("input[name='Decision.Approve'][value='true']").First.CheckAsync();
        await admin.Locator("textarea[name='Decision.Reason']").First.FillAsync("Supported by the report.");
        await admin.Locator("input[name='Decision.Summary']").First.FillAsync("Allow 30 extra minutes; read questions aloud on request.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Decide" }).ClickAsync();
        await Expect(admin.Locator(".adjustment-status").First).ToContainTextAsync("Approved");
        await CheckPageAsync(admin, "admin-reasonable-adjustments-evidence");

        foreach (var (width, suffix) in new[] { (390, "-phone"), (1280, string.Empty) })
        {
            var page = await SignInAsync(Demo.Assessor, returnPath: $"/assessor/cases/{journey.CaseId}/interview");
            await page.SetViewportSizeAsync(width, 900);
            await Expect(page.Locator(".approved-adjustments")).ToContainTextAsync("Extra time: Interview 30 minutes longer. Allow 30 extra minutes; read questions aloud on request.");
            await Expect(page.Locator(".approved-adjustments")).Not.ToContainTextAsync("psychologist");
            await Expect(page.Locator(".booking-form")).ToContainTextAsync("Standard for this case: 90");
            await CheckPageAsync(page, $"assessor-interview-book-free-slot{suffix}");
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"The interview page scrolls sideways at {width} px.");
            if (suffix.Length > 0)
            {
                continue; // the phone only looks; the desktop books
            }

            var slot = page.Locator("input[name='Slot']").First;
            var chosen = await slot.GetAttributeAsync("value");
            await slot.CheckAsync();
            await page.GetByLabel("Video link (https://…) or address").FillAsync("https://video.example.test/bea");
            await page.GetByRole(AriaRole.Button, new() { Name = "Book the interview" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The interview is booked." })).ToBeVisibleAsync();
            await Expect(page.Locator(".interview-booking")).ToContainTextAsync("90");

            var booked = await Portal.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == journey.CaseId).Select(i => new { i.StartsAt, i.DurationMinutes }).SingleAsync());
            Assert.Equal(90, booked.DurationMinutes);
            Assert.Equal(chosen, TimeZoneInfo.ConvertTime(booked.StartsAt, Portal.Clock.LocalTimeZone).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(CaseState.InterviewScheduled, await JourneyData.StateAsync(Portal, journey.CaseId));
    }
}
