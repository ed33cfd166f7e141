using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Portfolio;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Foundation;

/// <summary>
/// The demo data is what the real workflow writes: real dates, the portfolio snapshot the submission
/// computes, the logins the start-up log and the README list. A real snapshot mismatch is an alarm.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public sealed class DemoDataTests(DemoScenarioFactory factory) : IClassFixture<DemoScenarioFactory>
{
    [Fact]
    public async Task EverySeededCase_HasRealDates_AndItsPortfolioMatchesItsSnapshot()
    {
        var now = factory.Clock.GetUtcNow();
        var seeded = SeededApprentices();
        var cases = await factory.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => seeded.Contains(c.Apprentice!.Email)).ToListAsync());
        Assert.Equal(seeded.Count, cases.Count);
        foreach (var epaCase in cases)
        {
            AssertSane(epaCase.Id, "created", epaCase.CreatedAt, now);
            AssertSane(epaCase.Id, "in its state since", epaCase.StateChangedAt, now);
            Assert.True(epaCase.StateChangedAt >= epaCase.CreatedAt, $"Case {epaCase.Id} entered its state before it was created.");
            foreach (var (what, at) in new[] { ("portfolio submitted", epaCase.PortfolioSubmittedAt), ("gateway submitted", epaCase.GatewaySubmittedAt), ("result released", epaCase.ResultReleasedAt) })
            {
                if (at is { } moment)
                {
                    AssertSane(epaCase.Id, what, moment, now);
                }
            }

            var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.CaseId == epaCase.Id).Select(a => a.At).ToListAsync());
            Assert.NotEmpty(audit);
            Assert.All(audit, at => AssertSane(epaCase.Id, "audited", at, now));

            if (epaCase.PortfolioSnapshotHash is { } submitted)
            {
                var current = await factory.WithDbAsync(db => PortfolioService.SnapshotHashAsync(db, epaCase.Id, CancellationToken.None));
                Assert.True(submitted == current, $"Case {epaCase.Id} ({epaCase.State}): the submitted snapshot does not match its portfolio.");
            }
        }

        Assert.Contains(cases, c => c.PortfolioSnapshotHash is not null);
    }

    [Fact]
    public async Task SeededCasePages_ShowNoYearOne_AndNoSnapshotWarning()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);
        using var assessor = await factory.SignInAsync(DemoDataSeeder.ScenarioAssessor);
        var (_, list) = await admin.GetPageAsync("/admin/cases");
        Assert.DoesNotContain("0001", list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var seeded = SeededApprentices();
        var cases = await factory.WithDbAsync(db => db.Cases.Where(c => seeded.Contains(c.Apprentice!.Email)).Select(c => new { c.Id, c.PortfolioSubmittedAt, c.AssessorId }).ToListAsync());
        foreach (var epaCase in cases)
        {
            var (response, page) = await admin.GetPageAsync($"/admin/cases/{epaCase.Id}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("0001", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            if (epaCase.PortfolioSubmittedAt is null)
            {
                continue;
            }

            foreach (var url in new[] { $"/cases/{epaCase.Id}/portfolio" }.Concat(epaCase.AssessorId is null ? [] : [$"/assessor/cases/{epaCase.Id}"]))
            {
                var (shown, portfolio) = await (url.StartsWith("/assessor", StringComparison.Ordinal) ? assessor : admin).GetPageAsync(url);
                Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
                Assert.Null(portfolio.QuerySelector("#snapshot-alarm"));
                Assert.Contains("exactly those submitted", portfolio.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task TamperedPortfolio_ShowsARedAlarm_AtTheTopOfTheCasePage()
    {
        int caseId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var scenarios = new TestScenarios(scope.ServiceProvider);
            var organisationId = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync());
            var apprentice = await scenarios.CreateApprenticeAsync(organisationId);
            caseId = await scenarios.CreateAsync(apprentice.Id, CaseState.PreInterviewReview, new ScenarioOptions { AssessorEmail = Demo.Assessor });
        }

        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var (_, before) = await assessor.GetPageAsync($"/assessor/cases/{caseId}");
        Assert.Null(before.QuerySelector("#snapshot-alarm"));

        // A change behind the portal's back (the portal itself refuses any change to a locked portfolio).
        await factory.WithDbAsync(async db =>
        {
            var item = await db.EvidenceItems.Where(e => e.CaseId == caseId).OrderBy(e => e.Id).FirstAsync();
            item.Title = "Quietly replaced evidence";
            await db.SaveChangesAsync();
        });

        foreach (var url in new[] { $"/assessor/cases/{caseId}", $"/cases/{caseId}/portfolio" })
        {
            var (_, page) = await assessor.GetPageAsync(url);
            var alarm = page.QuerySelector("#snapshot-alarm");
            Assert.True(alarm is not null, $"{url} shows no alarm for a tampered portfolio.");
            Assert.Equal("alert", alarm.GetAttribute("role"));
            Assert.Contains("alert-danger", alarm.ClassList);
            Assert.Contains("no longer matches what was submitted", alarm.TextContent, StringComparison.Ordinal);

            // At the top: before every section of the page.
            var main = page.QuerySelector("main")!;
            var firstSection = main.QuerySelector("section, table");
            Assert.True(firstSection is null || (alarm.CompareDocumentPosition(firstSection) & AngleSharp.Dom.DocumentPositions.Following) != 0, $"{url}: the alarm is not at the top of the page.");
        }
    }

    [Fact]
    public async Task DemoLogins_InTheStartUpLogAndTheReadme_SayWhoEachIsAndWhereTheirCaseIs()
    {
        IReadOnlyList<DemoLogin> logins;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Seeding again adds nothing and returns what the start-up log prints.
            logins = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        var readme = await File.ReadAllLinesAsync(Path.Combine(RepositoryRoot(), "README.md"));
        foreach (var person in DemoDataSeeder.People)
        {
            var login = Assert.Single(logins, l => l.Email == person.Email);
            Assert.Contains(person.Name, login.Note, StringComparison.Ordinal);
            Assert.Contains(readme, line => line.StartsWith('|') && line.Contains($"`{person.Email}`", StringComparison.Ordinal) && line.Contains(person.Name, StringComparison.Ordinal));
        }

        foreach (var scenario in DemoDataSeeder.ScenarioApprentices)
        {
            var state = DisplayNames.Of(scenario.State);
            var login = Assert.Single(logins, l => l.Email == scenario.Email);
            Assert.Equal(PortalFactory.DemoPassword, login.Password);
            Assert.Contains($"{scenario.Name}, {scenario.Organisation}: {state}", login.Note, StringComparison.Ordinal);
            Assert.Contains(readme, line => line.StartsWith('|') && line.Contains($"`{scenario.Email}`", StringComparison.Ordinal) && line.Contains(scenario.Name, StringComparison.Ordinal) && line.Contains(state, StringComparison.Ordinal));
            Assert.Equal(scenario.State, await factory.WithDbAsync(db => db.Cases.Where(c => c.Apprentice!.Email == scenario.Email).Select(c => c.State).SingleAsync()));
        }

        Assert.DoesNotContain(logins, l => l.Email.Contains("...", StringComparison.Ordinal) || l.Note.Contains("see README", StringComparison.Ordinal));
    }

    private static List<string> SeededApprentices() =>
        DemoDataSeeder.People.Where(p => p.Role == EpaPortal.Web.Security.Roles.Apprentice).Select(p => p.Email)
            .Concat(DemoDataSeeder.ScenarioApprentices.Select(p => p.Email))
            .ToList();

    private static void AssertSane(int caseId, string what, DateTimeOffset at, DateTimeOffset now) =>
        Assert.True(at > now.AddYears(-3) && at <= now.AddDays(1), $"Case {caseId} was {what} on {at:yyyy-MM-dd}, not in the demo's timeline ending {now:yyyy-MM-dd}.");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EpaPortal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("EpaPortal.sln not found above the test's folder.");
    }
}
