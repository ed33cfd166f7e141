using System.Text.RegularExpressions;
using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// Phones (issue 25, item 3): every role's pages, reached by following the links from its home page over cases
/// in the main states, are opened at 390 × 844 CSS pixels, and none may scroll sideways: the page's
/// <c>scrollWidth</c> stays within the window (a wide table scrolls inside its own box or stacks its rows);
/// axe checks each of them at that width too. One
/// page of each kind is opened (numbers in the address are treated alike), at most
/// <see cref="MaxPagesPerPerson"/> per person.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public sealed partial class PhoneWidthJourneys(BrowserPortal browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private const int MaxPagesPerPerson = 45;

    /// <summary>Pages whose phone view the guides show.</summary>
    private static readonly Dictionary<string, string> Screenshots = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/admin/cases"] = "phone-admin-cases",
        ["/assessor"] = "phone-assessor-caseload",
        ["/employer"] = "phone-employer-dashboard",
        ["/help/apprentice"] = "phone-help-apprentice",
    };

    [BrowserFact]
    public async Task EveryRolesPages_At390Pixels_DoNotScrollSideways()
    {
        // Cases in the main states, so the pages that only show with them (a notes page, a result) are reached.
        var states = new[] { CaseState.GatewaySubmitted, CaseState.ProjectInProgress, CaseState.PreInterviewReview, CaseState.InterviewCompleted, CaseState.Graded, CaseState.ResultReleased };
        var released = (JourneyCase?)null;
        foreach (var state in states)
        {
            var made = await JourneyData.CaseAsync(Portal, state, $"Phone {state}");
            released = state == CaseState.ResultReleased ? made : released;
        }

        var people = new[] { Demo.Admin, Demo.QualityAssurer, Demo.Assessor, Demo.Employer, Demo.Provider, Demo.Apprentice, released!.ApprenticeEmail };
        var problems = new List<string>();
        var total = 0;
        foreach (var person in people)
        {
            var page = await SignInAsync(person);
            await page.SetViewportSizeAsync(390, 844);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var kinds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var queue = new Queue<string>([new Uri(page.Url).PathAndQuery]);
            while (queue.Count > 0 && kinds.Count < MaxPagesPerPerson)
            {
                var url = queue.Dequeue();
                if (!seen.Add(url) || !kinds.Add(Kind(url)))
                {
                    continue;
                }

                var response = await page.GotoAsync(url);
                if (response is null || response.Status != 200 || !(await response.HeaderValueAsync("content-type") ?? string.Empty).StartsWith("text/html", StringComparison.Ordinal))
                {
                    continue;
                }

                total++;
                try
                {
                    await CheckPageAsync(page, Screenshots.GetValueOrDefault(url));
                }
                catch (Xunit.Sdk.XunitException axe)
                {
                    problems.Add($"{person} {url}: {axe.Message}");
                }

                if (!await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"))
                {
                    var wide = await page.EvaluateAsync<string>(
                        "() => [...document.querySelectorAll('main *, nav *, header *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)" +
                        ".filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))" +
                        ".slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '') + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ')').join(', ')");
                    problems.Add($"{person} {url}: {await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px wide; widest: {wide}");
                }

                foreach (var href in await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"))
                {
                    var link = href.Split('#')[0];
                    if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !Skipped().IsMatch(link) && !seen.Contains(link))
                    {
                        queue.Enqueue(link);
                    }
                }
            }

            output.WriteLine($"{person}: {kinds.Count} kinds of page");
            Assert.True(kinds.Count >= 4, $"Only {kinds.Count} pages were reached for {person}.");
        }

        output.WriteLine($"{total} pages opened at 390 px.");
        Assert.True(problems.Count == 0, $"{problems.Count} problems at 390 px:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [BrowserFact]
    public void PagesOfOneKind_AreTheSameAddressWithOtherNumbers_AndTheirFilters()
    {
        Assert.Equal(Kind("/assessor/cases/12/notes"), Kind("/assessor/cases/7/notes"));
        Assert.Equal(Kind("/admin/cases?page=2"), Kind("/admin/cases?page=3"));
        Assert.NotEqual(Kind("/assessor/cases/12/notes"), Kind("/assessor/cases/12/judgement"));
        Assert.Matches(Skipped(), "/Identity/Account/Logout");
        Assert.Matches(Skipped(), "/admin/results/export.csv");
        Assert.DoesNotMatch(Skipped(), "/admin/cases");
    }

    /// <summary>The kind of a page: its path with every number alike and without its query.</summary>
    private static string Kind(string url) => Digits().Replace(url.Split('?')[0], "n");

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"(?i)^/(?:lib|css|js|evidence/files|bench|api)|logout|/export|/download|\.(?:csv|ics|zip|pdf)(?:$|\?)")]
    private static partial Regex Skipped();
}
