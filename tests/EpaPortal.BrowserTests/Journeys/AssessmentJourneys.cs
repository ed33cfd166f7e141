using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// From a submitted project to a released result: the assessor writes initial conclusions and questions,
/// books the interview, records it, enters the final judgements, sees the computed grade and submits it; the
/// quality assurer approves; the apprentice and employer see nothing of it; the admin releases; then they
/// see the grade and the feedback, and still none of the assessor's confidential notes.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class AssessmentJourneys(BrowserPortal browser, Xunit.Abstractions.ITestOutputHelper output) : BrowserTest(browser)
{
    // Phrases found nowhere else in the portal. Written into the assessor's notes, conclusions, questions and
    // answers: never for the apprentice or employer.
    private const string Confidential = "probe the deployment pipeline";

    // Written into the area rationales and the feedback: released with the result, not before.
    private const string Rationale = "the booking API work";
    private const string FeedbackMarker = "testing strategy of your booking component";
    private const string Feedback = "You explained the " + FeedbackMarker + " clearly and with real examples. Next, automate the deployment checks.";

    [BrowserFact]
    public async Task AssessorGrades_QualityAssurerApproves_AdminReleases_ApprenticeAndEmployerSeeOnlyTheReleasedResult()
    {
        var journey = await JourneyData.CaseAsync(Portal, CaseState.ProjectSubmitted, "Noor Interviewee", new ScenarioOptions { AssessorEmail = Demo.Assessor });

        var interviewStart = await AssessorPreparesAndBooksTheInterviewAsync(journey);
        Assert.Equal(CaseState.InterviewScheduled, await JourneyData.StateAsync(Portal, journey.CaseId));
        await ApprenticeAndEmployerSeeNothingConfidentialAsync(journey, grade: null, "before-interview");

        // The day of the interview comes; it starts.
        Portal.Clock.Advance(interviewStart - Portal.Clock.GetUtcNow() + TimeSpan.FromMinutes(65)); // the interview is held for its hour
        var grade = await AssessorRecordsTheInterviewAndGradesAsync(journey);
        Assert.Equal(CaseState.Graded, await JourneyData.StateAsync(Portal, journey.CaseId));

        await QualityAssurerApprovesAsync(journey, grade);
        Assert.Equal(CaseState.IqaApproved, await JourneyData.StateAsync(Portal, journey.CaseId));
        await ApprenticeAndEmployerSeeNothingConfidentialAsync(journey, grade, "before-release");

        await AdminReleasesAsync(journey);
        Assert.Equal(CaseState.ResultReleased, await JourneyData.StateAsync(Portal, journey.CaseId));
        await ApprenticeAndEmployerSeeTheResultAsync(journey, grade);
    }

    private async Task<DateTimeOffset> AssessorPreparesAndBooksTheInterviewAsync(JourneyCase journey)
    {
        var page = await SignInAsync(Demo.Assessor);
        await CheckPageAsync(page, "assessor-caseload");
        await page.GotoAsync($"/assessor/cases/{journey.CaseId}");
        await CheckPageAsync(page, "assessor-case");

        await page.GetByRole(AriaRole.Button, new() { Name = "Start the pre-interview review" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pre-interview notes" })).ToBeVisibleAsync();
        await CheckPageAsync(page);

        // Initial conclusions: Expected for every area and competency, citing evidence.
        var rows = page.Locator(".conclusion-row");
        var count = await rows.CountAsync();
        Assert.True(count > 3, $"Only {count} conclusion rows on the notes page.");
        for (var i = 0; i < count; i++)
        {
            var row = rows.Nth(i);
            await row.Locator("select[id$='-level']").SelectOptionAsync(new SelectOptionValue { Label = "Expected" });

            // The matrix starts with the evidence the apprentice mapped to the competency ticked; a row with
            // nothing ticked (an area, or a competency nothing is mapped to) gets its first piece of evidence.
            var boxes = row.Locator("fieldset.evidence-matrix input[type=checkbox]");
            if (await row.Locator("fieldset.evidence-matrix input[type=checkbox]:checked").CountAsync() == 0)
            {
                await boxes.First.CheckAsync();
            }
            if (await row.Locator("input[type=hidden][name$='.AreaCode']").CountAsync() > 0)
            {
                await row.Locator("textarea[id$='-comment']").PressSequentiallyAsync($"Portfolio and project meet the standard; {Confidential} at interview.");
            }
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save conclusions" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "saved" }).First).ToBeVisibleAsync();
        await CheckPageAsync(page, "assessor-initial-conclusions");

        await page.GetByLabel("Your notes on the portfolio, the project and the employer reference").PressSequentiallyAsync($"Strong testing evidence. At interview, {Confidential}: how releases are checked.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save notes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "saved" }).First).ToBeVisibleAsync();
        await CheckPageAsync(page);

        await page.Locator("#new-question-0-text").PressSequentiallyAsync($"How would you {Confidential} after a failed release?");
        await page.Locator("#new-question-0-competencies input[type=checkbox]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save questions" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "saved" }).First).ToBeVisibleAsync();
        await CheckPageAsync(page);

        // Book the interview on the first day the notice rule allows (5 working days), at 10:00 UK time.
        var day = EpaPortal.Domain.Scheduling.ScheduleRules.EarliestDay(
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Portal.Clock.GetUtcNow(), UkTime.Zone).DateTime), 5,
            EpaPortal.Domain.Common.BankHolidayCalendar.UnitedKingdom.For(EpaPortal.Domain.Common.UkNation.EnglandAndWales));
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), UkTime.Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(10, 0))));
        await page.GetByRole(AriaRole.Link, new() { Name = "Book the interview" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Interview", Exact = true })).ToBeVisibleAsync();
        await CheckPageAsync(page);
        await page.Locator("form.booking-form").Date("Date").TypeAsync(day);
        await page.GetByLabel("Start time").FillAsync("10:00");
        await page.GetByLabel("Length (minutes)").FillAsync("60");
        await page.Locator("#Mode-VideoCall").CheckAsync();
        await page.GetByLabel("Video link (https://…) or address").PressSequentiallyAsync("https://meet.example.test/epa-interview");
        await SaveScreenshotAsync(page, "assessor-book-interview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book the interview" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The interview is booked." })).ToBeVisibleAsync();
        await CheckPageAsync(page, "assessor-interview-booked");
        return start;
    }

    private async Task<string> AssessorRecordsTheInterviewAndGradesAsync(JourneyCase journey)
    {
        // A new day: the assessor signs in again and opens the case from the caseload.
        var page = await SignInAsync(Demo.Assessor, returnPath: $"/assessor/cases/{journey.CaseId}/interview");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Interview", Exact = true })).ToBeVisibleAsync();
        await CheckPageAsync(page);

        var asked = page.Locator("input[type=radio][id$='-asked']:not([id$='-not-asked'])");
        var questions = await asked.CountAsync();
        Assert.True(questions >= 1, "The interview record lists no question.");
        for (var i = 0; i < questions; i++)
        {
            await page.Locator($"#q-{i}-asked").CheckAsync();
            await page.Locator($"#q-{i}-answer").PressSequentiallyAsync($"Would {Confidential} from the build logs first, then roll back; tests the rules first.");
            // The competencies the question was planned to probe start ticked as evidenced.
            if (await page.Locator($"#q-{i}-evidenced input[type=checkbox]:checked").CountAsync() == 0)
            {
                await page.Locator($"#q-{i}-evidenced input[type=checkbox]").First.CheckAsync();
            }
        }

        await CheckPageAsync(page, "assessor-record-interview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and mark the interview completed" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Final judgement" })).ToBeVisibleAsync();
        await CheckPageAsync(page);

        // Final judgements.
        foreach (var (area, level) in new[] { ("What", "Above"), ("How", "Above"), ("WithWhom", "Expected") })
        {
            await page.Locator($"#area-{area}-{level}").CheckAsync();
            await page.Locator($"#area-{area}-rationale").PressSequentiallyAsync($"Judged {level} from {Rationale} in the portfolio, the project and the interview answers.");
        }

        // Each competency cites evidence from every method (portfolio, project, reference, interview), through the
        // citation matrix (issue 25, item 1): it starts with the mapped evidence and the initial conclusions'
        // citations ticked; "Cite for every competency" ticks a project file or an interview answer everywhere
        // at once; a method still missing for a competency gets its first piece of evidence by hand (opening
        // "show all evidence" when it is there). Every click and tick is counted.
        var actions = 0;
        await Expect(page.Locator("[data-evidence-everywhere]")).ToBeVisibleAsync();
        foreach (var toggle in await page.Locator("input[data-cite-everywhere]").AllAsync())
        {
            await toggle.CheckAsync();
            actions++;
        }

        string[] methods = ["PortfolioItem:", "ProjectFile:", "ReferenceSection:", "InterviewAnswer:"];
        var matrices = await page.Locator("fieldset.evidence-matrix[id^='competency-']").AllAsync();
        Assert.Equal(20, matrices.Count);
        foreach (var matrix in matrices)
        {
            foreach (var method in methods)
            {
                if (await matrix.Locator($"input[type=checkbox][value^='{method}']:checked").CountAsync() > 0)
                {
                    continue;
                }

                var box = matrix.Locator($"input[type=checkbox][value^='{method}']").First;
                if (!await box.IsVisibleAsync())
                {
                    await matrix.Locator("details.evidence-more > summary").ClickAsync();
                    actions++;
                }

                await box.CheckAsync();
                actions++;
            }
        }

        output.WriteLine($"Citing all four methods for each of the 20 competencies took {actions} actions.");
        Assert.True(actions <= 25, $"Citing all four methods for every competency took {actions} actions (target: at most 25).");

        foreach (var met in await page.Locator("input[type=radio][id^='criterion-'][id$='-met']").AllAsync())
        {
            await met.CheckAsync();
        }

        await page.GetByLabel("Feedback for the apprentice").PressSequentiallyAsync(Feedback);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and show the grade" }).ClickAsync();
        await Expect(page.Locator("#computed-heading")).ToContainTextAsync("The grading service gives:");
        var grade = (await page.Locator(".computed-grade-value").InnerTextAsync()).Trim();
        Assert.Contains(grade, new[] { "Pass", "Merit", "Distinction" });
        await CheckPageAsync(page, "assessor-computed-grade");

        // The saved judgement cites every method for every competency (read back from the page the save shows).
        foreach (var matrix in await page.Locator("fieldset.evidence-matrix[id^='competency-']").AllAsync())
        {
            foreach (var method in methods)
            {
                Assert.True(await matrix.Locator($"input[type=checkbox][value^='{method}']:checked").CountAsync() > 0, $"{await matrix.GetAttributeAsync("id")} cites nothing from {method}");
            }
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the judgement" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();
        await CheckPageAsync(page, "assessor-grade-submitted");
        return grade;
    }

    private async Task QualityAssurerApprovesAsync(JourneyCase journey, string grade)
    {
        var page = await SignInAsync(Demo.QualityAssurer);
        await CheckPageAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = journey.ApprenticeName }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(journey.ApprenticeName);
        await Expect(page.Locator("#final-grade")).ToHaveTextAsync(grade);
        await Expect(page.Locator("#assessor-notes")).ToContainTextAsync(Confidential);
        await CheckPageAsync(page, "quality-assurer-case");

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve the grade" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Grade approved." })).ToBeVisibleAsync();
        await CheckPageAsync(page);
    }

    private async Task ApprenticeAndEmployerSeeNothingConfidentialAsync(JourneyCase journey, string? grade, string when)
    {
        var apprentice = await SignInAsync(journey.ApprenticeEmail);
        foreach (var path in new[] { "/apprentice", "/apprentice/result", "/apprentice/project", "/apprentice/portfolio" })
        {
            await ExpectNothingConfidentialAsync(apprentice, path, grade);
        }

        var employer = await SignInAsync(Demo.Employer);
        foreach (var path in new[] { "/employer", $"/employer/cases/{journey.CaseId}", $"/employer/cases/{journey.CaseId}/result" })
        {
            await ExpectNothingConfidentialAsync(employer, path, grade);
        }

        if (when == "before-release")
        {
            await apprentice.GotoAsync("/apprentice/result");
            await Expect(apprentice.GetByText("Your result will appear here once it has been quality assured and released.")).ToBeVisibleAsync();
            await CheckPageAsync(apprentice, "apprentice-result-before-release");
        }
    }

    private async Task ExpectNothingConfidentialAsync(IPage page, string path, string? grade)
    {
        await page.GotoAsync(path);
        await CheckPageAsync(page);
        var html = await page.ContentAsync();
        Assert.DoesNotContain(Confidential, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Rationale, html, StringComparison.Ordinal);
        Assert.DoesNotContain(FeedbackMarker, html, StringComparison.Ordinal);
        await Expect(page.Locator(".result-grade")).ToHaveCountAsync(0);
        if (grade is not null)
        {
            Assert.DoesNotContain("Result: " + grade, await page.InnerTextAsync("body"), StringComparison.Ordinal);
        }
    }

    private async Task AdminReleasesAsync(JourneyCase journey)
    {
        var page = await SignInAsync(Demo.Admin, returnPath: "/admin/results");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Results");
        await page.GetByLabel($"Release the result of {journey.ApprenticeName}").CheckAsync();
        await CheckPageAsync(page, "admin-release-results");
        await page.GetByRole(AriaRole.Button, new() { Name = "Release the selected results" }).ClickAsync();
        await Expect(page.Locator(".alert-success").First).ToBeVisibleAsync();
        await CheckPageAsync(page);
    }

    private async Task ApprenticeAndEmployerSeeTheResultAsync(JourneyCase journey, string grade)
    {
        var apprentice = await SignInAsync(journey.ApprenticeEmail);
        await CheckPageAsync(apprentice, "apprentice-dashboard-result");
        await apprentice.GotoAsync("/apprentice/result");
        await Expect(apprentice.Locator(".result-grade")).ToHaveTextAsync(grade);
        await Expect(apprentice.GetByText(Feedback)).ToBeVisibleAsync();
        Assert.DoesNotContain(Confidential, await apprentice.ContentAsync(), StringComparison.Ordinal);
        await CheckPageAsync(apprentice, "apprentice-result");

        var employer = await SignInAsync(Demo.Employer, returnPath: $"/employer/cases/{journey.CaseId}/result");
        await Expect(employer.Locator(".result-grade")).ToHaveTextAsync(grade);
        await Expect(employer.GetByText(Feedback)).ToBeVisibleAsync();
        Assert.DoesNotContain(Confidential, await employer.ContentAsync(), StringComparison.Ordinal);
        await CheckPageAsync(employer, "employer-result");
    }
}
