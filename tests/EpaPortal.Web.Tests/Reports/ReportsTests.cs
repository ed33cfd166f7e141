using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Scheduling;
using EpaPortal.Web.Tests.Admin;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Reports;

/// <summary>
/// Issue 21, item 1: every figure of the reports page is checked against the database on generated data. The
/// expected counts and rates are computed here from the raw rows (not by the domain's ManagementReports), and
/// every figure's drill-down lists exactly the cases behind it.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class ReportsTests(ReportsTests.World world) : IClassFixture<ReportsTests.World>
{
    public const string FormulaReason = "=HYPERLINK(\"http://evil.example\",\"click\")";

    /// <summary>A portal with the demo data and, on top, generated cases of two employers, one provider, two assessors, returns, appeals.</summary>
    public sealed class World : IAsyncLifetime
    {
        public PortalFactory Factory { get; } = new();

        public int Acme { get; private set; }

        public int Northwind { get; private set; }

        public int Pennine { get; private set; }

        public async Task InitializeAsync()
        {
            Acme = await AdminTestData.OrganisationIdAsync(Factory, DemoDataSeeder.Acme);
            Northwind = await AdminTestData.OrganisationIdAsync(Factory, DemoDataSeeder.Northwind);
            Pennine = await AdminTestData.OrganisationIdAsync(Factory, DemoDataSeeder.Pennine);

            var made = new List<int>();
            await using (var scope = Factory.Services.CreateAsyncScope())
            {
                var scenarios = new TestScenarios(scope.ServiceProvider);
                async Task Make(int organisation, CaseState target, ScenarioOptions options)
                {
                    var apprentice = await scenarios.CreateApprenticeAsync(organisation);
                    made.Add(await scenarios.CreateAsync(apprentice.Id, target, options with { WriteFiles = false }));
                }

                // Northwind: six released results by the second assessor (a group large enough for a rate).
                for (var i = 0; i < 6; i++)
                {
                    await Make(Northwind, CaseState.ResultReleased, new ScenarioOptions { AssessorEmail = Demo.Assessor2 });
                }

                // Acme through Pennine: a Distinction-level result and a Fail, by the first assessor.
                await Make(Acme, CaseState.ResultReleased, new ScenarioOptions { AssessorEmail = Demo.Assessor, ProviderOrganisationId = Pennine, What = AreaLevel.Above, How = AreaLevel.Above, WithWhom = AreaLevel.Above });
                await Make(Acme, CaseState.FailRecorded, ScenarioOptions.Fail with { AssessorEmail = Demo.Assessor, ProviderOrganisationId = Pennine });
            }

            await Factory.WithDbAsync(async db =>
            {
                var decisions = await db.GradeDecisions.Where(d => made.Contains(d.CaseId)).OrderBy(d => d.Id).ToListAsync();

                // Two returns by quality assurance, one with a reason a spreadsheet would run as a formula.
                decisions[0].QaStatus = QaStatus.Returned;
                decisions[0].QaReturnReason = FormulaReason;
                decisions[1].QaStatus = QaStatus.Returned;
                decisions[1].QaReturnReason = "The rationale for How does not cite evidence.";

                // Appeals: one upheld five days later, one still pending.
                var upheld = new Appeal(made[2], 1, "someone", "The interview ran short.", Factory.Clock.GetUtcNow().AddDays(-10));
                upheld.Decide(AppealOutcome.Upheld, "It did.", Factory.Clock.GetUtcNow().AddDays(-5));
                db.Appeals.Add(upheld);
                db.Appeals.Add(new Appeal(made[3], 1, "someone", "The grade is wrong.", Factory.Clock.GetUtcNow().AddDays(-1)));
                await db.SaveChangesAsync();

                // One case's gateway was approved two years before its result: outside any EPA period.
                await db.Cases.Where(c => c.Id == made[4]).ExecuteUpdateAsync(s => s.SetProperty(c => c.GatewayApprovedAt, Factory.Clock.GetUtcNow().AddYears(-2)));
                return 0;
            });
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>The raw facts, read straight from the tables.</summary>
    private sealed record Raw(int Id, int CaseId, int Attempt, string AssessorId, Grade Grade, QaStatus Qa, string? Reason, DateTimeOffset DecidedAt, DateTimeOffset? ReleasedAt,
        int EmployerId, int? ProviderId, int CaseAttempt, AttemptKind CaseKind, DateTimeOffset? GatewayApprovedAt, UkNation Nation, int EpaMonths);

    private Task<List<Raw>> RawAsync() => world.Factory.WithDbAsync(db =>
        (from d in db.GradeDecisions
         join c in db.Cases on d.CaseId equals c.Id
         select new Raw(d.Id, d.CaseId, d.Attempt, d.AssessorId, d.FinalGrade, d.QaStatus, d.QaReturnReason, d.DecidedAt, d.ReleasedAt,
             c.OrganisationId, c.ProviderOrganisationId, c.Attempt, c.AttemptKind, c.GatewayApprovedAt, c.Apprentice!.Nation, c.StandardVersion!.Settings.EpaPeriodMonths))
        .ToListAsync());

    /// <summary>The latest release of each case's attempt.</summary>
    private static List<Raw> Released(IEnumerable<Raw> raw) =>
        raw.Where(r => r.ReleasedAt != null).GroupBy(r => (r.CaseId, r.Attempt))
            .Select(g => g.OrderByDescending(r => r.ReleasedAt).ThenByDescending(r => r.Id).First()).ToList();

    private static string Cell(IHtmlDocument page, string table, string group, string figure) =>
        page.QuerySelector($"#{table}-table tr[data-group='{group}'] td[data-figure='{figure}']")?.TextContent.Trim()
        ?? throw new Xunit.Sdk.XunitException($"No cell {table}/{group}/{figure}");

    private static string Rate(IHtmlDocument page, string table, string group, string rate) =>
        string.Join(' ', (page.QuerySelector($"#{table}-table tr[data-group='{group}'] td[data-rate='{rate}']")?.TextContent ?? throw new Xunit.Sdk.XunitException($"No rate {table}/{group}/{rate}"))
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string ExpectedRate(int count, int of) =>
        of == 0 ? "no cases"
        : $"{(int)Math.Round(100m * count / of, MidpointRounding.AwayFromZero)}% ({count} of {of})" + (of < 5 ? " fewer than 5 cases" : string.Empty);

    private DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, world.Factory.Clock.LocalTimeZone).DateTime);

    /// <summary>Weekdays that are not bank holidays of the nation, after the first day up to the last: counted here, day by day.</summary>
    private bool Working(DateOnly d, UkNation nation) =>
        d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday && !world.Factory.Services.GetRequiredService<BankHolidaySource>().For(nation).Contains(d);

    private int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to, UkNation nation)
    {
        var count = 0;
        for (var d = Day(from).AddDays(1); d <= Day(to); d = d.AddDays(1))
        {
            count += Working(d, nation) ? 1 : 0;
        }

        return count;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task GradesAndPassRates_ByEmployer_MatchTheDatabase()
    {
        var results = Released(await RawAsync());
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        var (response, page) = await admin.GetPageAsync("/reports");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var employers = results.Select(r => r.EmployerId).Distinct().ToList();
        Assert.Contains(world.Northwind, employers);
        Assert.Contains(world.Acme, employers);
        foreach (var employer in employers.Select(Id).Append("all"))
        {
            var group = employer == "all" ? results : results.Where(r => Id(r.EmployerId) == employer).ToList();
            Assert.Equal(Id(group.Count), Cell(page, "results", employer, "Results"));
            foreach (var grade in Enum.GetValues<Grade>())
            {
                Assert.Equal(Id(group.Count(r => r.Grade == grade)), Cell(page, "results", employer, grade.ToString()));
            }

            var passed = group.Count(r => r.Grade != Grade.Fail);
            var first = group.Count(r => r.Attempt == 1);
            var firstPassed = group.Count(r => r.Attempt == 1 && r.Grade != Grade.Fail);
            Assert.Equal(Id(passed), Cell(page, "results", employer, "Passed"));
            Assert.Equal(Id(first), Cell(page, "results", employer, "FirstAttempts"));
            Assert.Equal(Id(firstPassed), Cell(page, "results", employer, "FirstTimePasses"));
            Assert.Equal(ExpectedRate(passed, group.Count), Rate(page, "results", employer, "Pass rate"));
            Assert.Equal(ExpectedRate(firstPassed, first), Rate(page, "results", employer, "First-time pass rate"));
        }

        // The grade chart draws the same numbers, and its table is there for screen readers.
        Assert.NotNull(page.QuerySelector("#chart-report-grades svg[role='img']"));
        Assert.Equal(Id(results.Count(r => r.Grade == Grade.Merit)), page.QuerySelectorAll("#chart-report-grades table tr").Single(tr => tr.QuerySelector("th")!.TextContent == "Merit").QuerySelector("td")!.TextContent);
    }

    [Fact]
    public async Task SmallGroups_SayTheirRateIsOverFewerThanFiveCases()
    {
        var results = Released(await RawAsync());
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        var (_, page) = await admin.GetPageAsync("/reports?by=provider");

        var pennine = results.Count(r => r.ProviderId == world.Pennine);
        Assert.InRange(pennine, 1, 4);
        Assert.Contains("fewer than 5 cases", Rate(page, "results", Id(world.Pennine), "Pass rate"), StringComparison.Ordinal);
        var none = results.Count(r => r.ProviderId == null);
        Assert.True(none >= 5, $"{none} results without a provider");
        Assert.DoesNotContain("fewer than", Rate(page, "results", "none", "Pass rate"), StringComparison.Ordinal);
        Assert.Equal(Id(none), Cell(page, "results", "none", "Results"));
    }

    [Fact]
    public async Task QualityAssuranceByAssessor_AndReturnReasons_MatchTheDatabase()
    {
        var raw = await RawAsync();
        using var qa = await world.Factory.SignInAsync(Demo.QualityAssurer);
        var (response, page) = await qa.GetPageAsync("/reports");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        foreach (var assessor in raw.Select(r => r.AssessorId).Distinct().Append("all"))
        {
            var group = assessor == "all" ? raw : raw.Where(r => r.AssessorId == assessor).ToList();
            var sampled = group.Count(r => r.Qa != QaStatus.NotSampled);
            var returned = group.Count(r => r.Qa == QaStatus.Returned);
            Assert.Equal(Id(group.Count), Cell(page, "quality", assessor, "Decisions"));
            Assert.Equal(Id(sampled), Cell(page, "quality", assessor, "Sampled"));
            Assert.Equal(Id(returned), Cell(page, "quality", assessor, "Returned"));
            Assert.Equal(ExpectedRate(returned, sampled), Rate(page, "quality", assessor, "Returned of sampled"));
        }

        var reasons = page.QuerySelectorAll("#return-reasons tbody tr").ToDictionary(tr => tr.QuerySelector("td")!.TextContent, tr => tr.QuerySelectorAll("td")[1].TextContent.Trim());
        foreach (var reason in raw.Where(r => r.Qa == QaStatus.Returned).GroupBy(r => string.IsNullOrWhiteSpace(r.Reason) ? "(no reason recorded)" : r.Reason.Trim()))
        {
            Assert.Equal(Id(reason.Count()), reasons[reason.Key]);
        }
    }

    [Fact]
    public async Task Timeliness_CountsWorkingDaysFromTheGatewayAndTheShareWithinTheEpaPeriod()
    {
        var results = Released(await RawAsync()).Where(r => r.Attempt == 1 && r.GatewayApprovedAt != null).ToList();
        var days = new List<int>();
        var within = 0;
        foreach (var r in results)
        {
            var from = Day(r.GatewayApprovedAt!.Value);
            var to = Day(r.ReleasedAt!.Value);
            days.Add(WorkingDaysBetween(r.GatewayApprovedAt!.Value, r.ReleasedAt!.Value, r.Nation));
            var deadline = from.AddMonths(r.EpaMonths);
            while (!Working(deadline, r.Nation))
            {
                deadline = deadline.AddDays(1);
            }

            within += to <= deadline ? 1 : 0;
        }

        Assert.True(within < results.Count, "the generated data has a case outside its EPA period");
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        var (_, page) = await admin.GetPageAsync("/reports");
        Assert.Equal(Id(results.Count), page.QuerySelector("#timeliness-table td[data-figure='Timed']")!.TextContent.Trim());
        Assert.Equal(Id(within), page.QuerySelector("#timeliness-table td[data-figure='WithinEpaPeriod']")!.TextContent.Trim());
        Assert.Equal(ExpectedRate(within, results.Count), string.Join(' ', page.QuerySelector("#timeliness-table td[data-rate='within']")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace(";", string.Empty, StringComparison.Ordinal));
        var sorted = days.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
        Assert.Equal(median.ToString("0.#", CultureInfo.InvariantCulture), page.QuerySelector("#gateway-median")!.TextContent.Trim());
        Assert.Equal(sorted[^1].ToString(CultureInfo.InvariantCulture), page.QuerySelector("#gateway-longest")!.TextContent.Trim());
    }

    [Fact]
    public async Task AppealsAndReattempts_MatchTheDatabase()
    {
        var appeals = await world.Factory.WithDbAsync(db => db.Appeals.Join(db.Cases, a => a.CaseId, c => c.Id, (a, c) => new { a.Outcome, a.LodgedAt, a.DecidedAt, c.Apprentice!.Nation }).ToListAsync());
        var results = Released(await RawAsync());
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        var (_, page) = await admin.GetPageAsync("/reports");

        Assert.Equal(Id(appeals.Count), page.QuerySelector("#appeals-table td[data-figure='AppealsLodged']")!.TextContent.Trim());
        Assert.Equal(Id(appeals.Count(a => a.Outcome == AppealOutcome.Upheld)), page.QuerySelector("#appeals-table td[data-figure='AppealsUpheld']")!.TextContent.Trim());
        Assert.Equal(Id(appeals.Count(a => a.Outcome == AppealOutcome.Pending)), page.QuerySelector("#appeals-table td[data-figure='AppealsPending']")!.TextContent.Trim());
        var decided = appeals.Where(a => a.DecidedAt != null).Select(a => WorkingDaysBetween(a.LodgedAt, a.DecidedAt!.Value, a.Nation)).Order().ToList();
        Assert.NotEmpty(decided);
        var median = decided.Count % 2 == 1 ? decided[decided.Count / 2] : (decided[(decided.Count / 2) - 1] + decided[decided.Count / 2]) / 2.0;
        Assert.Equal(median.ToString("0.#", CultureInfo.InvariantCulture), page.QuerySelector("#appeal-median")!.TextContent.Trim());

        AttemptKind Kind(Raw r) => r.Attempt == r.CaseAttempt ? r.CaseKind : AttemptKind.Resit;
        var resits = results.Count(r => r.Attempt > 1 && Kind(r) == AttemptKind.Resit);
        var retakes = results.Count(r => r.Attempt > 1 && Kind(r) == AttemptKind.Retake);
        if (resits + retakes == 0)
        {
            Assert.NotNull(page.QuerySelector("#attempts-empty"));
        }
        else
        {
            Assert.Equal(Id(resits), Cell(page, "attempts", "all", "Resits"));
            Assert.Equal(Id(retakes), Cell(page, "attempts", "all", "Retakes"));
        }
    }

    [Fact]
    public async Task EveryFigure_LinksToExactlyTheCasesBehindIt()
    {
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        var (_, page) = await admin.GetPageAsync("/reports");
        var links = page.QuerySelectorAll("main a[href^='/reports/cases?']").Select(a => (Href: a.GetAttribute("href")!, Text: a.TextContent.Trim())).Distinct().ToList();
        Assert.True(links.Count >= 20, $"{links.Count} figure links");
        foreach (var (href, text) in links)
        {
            var (response, list) = await admin.GetPageAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // A table cell is the count; a chart's link is "Label (count)".
            var match = System.Text.RegularExpressions.Regex.Match(text, @"^(\d+)$|\((\d+)\)$");
            Assert.True(match.Success, $"figure link text '{text}'");
            var expected = int.Parse(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.Equal(expected, list.QuerySelectorAll("#figure-cases tbody tr").Length);
            Assert.StartsWith($"{expected} ", list.QuerySelector("#figure-summary")!.TextContent.Trim(), StringComparison.Ordinal);
        }

        // The cases behind Northwind's passes are Northwind's released, passed results, case by case.
        var raw = Released(await RawAsync());
        var expectedCases = raw.Where(r => r.EmployerId == world.Northwind && r.Grade != Grade.Fail).Select(r => r.CaseId).Order().ToList();
        var (_, passes) = await admin.GetPageAsync(page.QuerySelector($"#results-table tr[data-group='{Id(world.Northwind)}'] td[data-figure='Passed'] a")!.GetAttribute("href")!);
        Assert.Equal(expectedCases, passes.QuerySelectorAll("#figure-cases tbody tr").Select(tr => int.Parse(tr.GetAttribute("data-case")!, CultureInfo.InvariantCulture)).Order().ToList());
    }

    [Fact]
    public async Task Filters_NarrowEveryFigure_AndABadPeriodIsExplained()
    {
        var raw = await RawAsync();
        var assessor2 = await AdminTestData.UserIdAsync(world.Factory, Demo.Assessor2);
        using var admin = await world.Factory.SignInAsync(Demo.Admin);

        var (_, byEmployer) = await admin.GetPageAsync($"/reports?employer={world.Northwind}");
        Assert.Equal(Id(Released(raw.Where(r => r.EmployerId == world.Northwind)).Count), Cell(byEmployer, "results", "all", "Results"));
        Assert.Null(byEmployer.QuerySelector($"#results-table tr[data-group='{Id(world.Acme)}']"));

        var (_, byAssessor) = await admin.GetPageAsync($"/reports?assessor={assessor2}&by=assessor");
        Assert.Equal(Id(Released(raw.Where(r => r.AssessorId == assessor2)).Count), Cell(byAssessor, "results", assessor2, "Results"));
        Assert.Equal(Id(raw.Count(r => r.AssessorId == assessor2)), Cell(byAssessor, "quality", "all", "Decisions"));

        var (_, byProvider) = await admin.GetPageAsync($"/reports?provider={world.Pennine}");
        Assert.Equal(Id(Released(raw.Where(r => r.ProviderId == world.Pennine)).Count), Cell(byProvider, "results", "all", "Results"));

        var version = await world.Factory.WithDbAsync(db => db.Cases.Select(c => c.StandardVersionId).FirstAsync());
        var versionCases = await world.Factory.WithDbAsync(db => db.Cases.Where(c => c.StandardVersionId == version).Select(c => c.Id).ToListAsync());
        var (_, byVersion) = await admin.GetPageAsync($"/reports?version={version}");
        Assert.Equal(Id(Released(raw.Where(r => versionCases.Contains(r.CaseId))).Count), Cell(byVersion, "results", "all", "Results"));

        var today = DateOnly.FromDateTime(world.Factory.Clock.GetUtcNow().UtcDateTime);
        var (_, future) = await admin.GetPageAsync($"/reports?from={today.AddDays(30):yyyy-MM-dd}");
        Assert.NotNull(future.QuerySelector("#results-empty"));
        var (_, backwards) = await admin.GetPageAsync($"/reports?from={today:yyyy-MM-dd}&to={today.AddDays(-3):yyyy-MM-dd}");
        Assert.Contains("before the 'from' date", backwards.QuerySelector("#report-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), PortalClient.DateShown(backwards, "from"));

        // The filter form sends each date as day, month and year; one that is not a date is named and kept as typed.
        var (_, typed) = await admin.GetPageAsync($"/reports?from.Day={today.Day}&from.Month={today.Month}&from.Year={today.Year}&to.Day=31&to.Month=2&to.Year=2026");
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), PortalClient.DateShown(typed, "from"));
        Assert.Contains("enter dates as a day, month and year", typed.QuerySelector("#report-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("To must be a real date", typed.QuerySelector("#to-error")!.TextContent.Trim());
        Assert.Equal(["31", "2", "2026"], new[] { "#to", "#to_Month", "#to_Year" }.Select(id => typed.QuerySelector(id)!.GetAttribute("value") ?? string.Empty));
    }

    [Fact]
    public async Task EveryReport_DownloadsAsCsv_WithTheSameFigures_AndNoFormula()
    {
        var results = Released(await RawAsync());
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        foreach (var report in new[] { "results", "quality", "attempts", "timeliness", "appeals" })
        {
            var response = await admin.GetAsync($"/reports/{report}.csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.NotEmpty(await response.Content.ReadAsStringAsync());
        }

        var csv = (await (await admin.GetAsync("/reports/results.csv")).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Employer,Results,Distinction,Merit,Pass,Fail,Passed", csv[0], StringComparison.Ordinal);
        var all = csv.Single(l => l.StartsWith("All,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(Id(results.Count), all[1]);
        Assert.Equal(Id(results.Count(r => r.Grade != Grade.Fail)), all[6]);

        // The returned cases' CSV carries the reason, made harmless for a spreadsheet.
        var returned = await (await admin.GetAsync("/reports/cases.csv?figure=Returned")).Content.ReadAsStringAsync();
        Assert.Contains("'=HYPERLINK", returned, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", returned, StringComparison.Ordinal);
        Assert.DoesNotContain("\"=HYPERLINK", returned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReports_OpenOnTheTwelveMonthsToToday_AndClearedDatesMeanEveryYear()
    {
        using var admin = await world.Factory.SignInAsync(Demo.Admin);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(world.Factory.Clock.GetUtcNow(), world.Factory.Clock.LocalTimeZone).DateTime);

        var (_, opened) = await admin.GetPageAsync("/reports");
        Assert.Equal(today.AddYears(-1).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), PortalClient.DateShown(opened, "from"));
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), PortalClient.DateShown(opened, "to"));

        var (_, everyYear) = await admin.GetPageAsync("/reports?from=&to=");
        Assert.True(string.IsNullOrEmpty(PortalClient.DateShown(everyYear, "from")));
        Assert.True(string.IsNullOrEmpty(PortalClient.DateShown(everyYear, "to")));
    }

    [Theory]
    [InlineData(Demo.Apprentice)]
    [InlineData(Demo.Employer)]
    [InlineData(Demo.Provider)]
    [InlineData(Demo.Assessor)]
    public async Task NoPartyToACase_NorAnAssessor_ReachesTheReports(string email)
    {
        using var client = await world.Factory.SignInAsync(email);
        foreach (var url in new[] { "/reports", "/reports/cases?figure=Results", "/reports/results.csv", "/reports/cases.csv?figure=Results" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }
}
