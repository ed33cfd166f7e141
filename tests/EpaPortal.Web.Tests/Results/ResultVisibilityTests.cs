using System.Net;
using System.Text.RegularExpressions;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Quality;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Results;

/// <summary>
/// Nothing of a grade reaches the apprentice or the employer before release: not the grade, the reasons
/// (with the judgements' rationales) or the feedback, on any page they can reach by following links
/// from their pages. After release all of it is there. The assessor's notes never are.
/// </summary>
[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public sealed partial class ResultVisibilityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly CaseJourney _journey = new(factory);

    [Fact]
    public async Task TheResult_IsInvisibleToApprenticeAndEmployerUntilReleased_ThenFullyVisible_AndTheNotesNever()
    {
        var marker = "RATIONALE-" + Guid.NewGuid().ToString("N");
        var notes = "NOTES-" + Guid.NewGuid().ToString("N");
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(What: AreaLevel.Above, How: AreaLevel.Above, Marker: marker, ConfidentialMarker: notes));
        using var apprentice = await factory.SignInAsync(journey.ApprenticeEmail);
        using var employer = await factory.SignInAsync(Demo.Employer);
        var apprenticeStart = new[] { "/apprentice", "/apprentice/result", "/apprentice/appeal", "/apprentice/portfolio", "/apprentice/project", $"/cases/{journey.CaseId}", $"/cases/{journey.CaseId}/result", $"/cases/{journey.CaseId}/portfolio" };
        var apprenticePages = new[] { "/apprentice", "/apprentice/result", "/apprentice/appeal", "/apprentice/portfolio", "/apprentice/project", $"/cases/{journey.CaseId}/portfolio" };
        var employerPages = new[] { $"/employer/cases/{journey.CaseId}/result", $"/employer/cases/{journey.CaseId}/appeal", $"/cases/{journey.CaseId}/portfolio" };
        var employerStart = new[] { "/employer", $"/employer/cases/{journey.CaseId}", $"/employer/cases/{journey.CaseId}/result", $"/employer/cases/{journey.CaseId}/appeal", $"/cases/{journey.CaseId}", $"/cases/{journey.CaseId}/result", $"/cases/{journey.CaseId}/portfolio", $"/quality/cases/{journey.CaseId}", $"/admin/results/cases/{journey.CaseId}" };

        // Graded, then quality assured: still nothing.
        foreach (var stage in new[] { CaseState.Graded, CaseState.IqaApproved })
        {
            if (stage == CaseState.IqaApproved)
            {
                await _journey.MoveAsync(journey.CaseId, CaseState.IqaApproved, Demo.QualityAssurer);
            }

            foreach (var (client, start, mustReach) in new[] { (apprentice, apprenticeStart, apprenticePages), (employer, employerStart, employerPages) })
            {
                var pages = await CrawlAsync(client, start);
                Assert.All(mustReach, url => Assert.True(pages.TryGetValue(url, out var text) && text.Length > 0, $"{url} was not reached"));
                foreach (var (url, text) in pages)
                {
                    Assert.DoesNotContain(marker, text, StringComparison.Ordinal);
                    Assert.DoesNotContain(notes, text, StringComparison.Ordinal);
                    // The guides (/help, issue 25) explain the grades in general words to everyone; they hold no case's data
                    // (the markers above are still looked for there).
                    Assert.False(!url.StartsWith("/help/", StringComparison.Ordinal) && Grade().IsMatch(text), $"{url} shows a grade while the case is {stage}: {Grade().Match(text).Value}");
                }
            }
        }

        // The admin releases it.
        using (var admin = await factory.SignInAsync(Demo.Admin))
        {
            var released = await admin.SubmitFormAsync("/admin/results", new Dictionary<string, string> { ["CaseIds"] = journey.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "#release-form");
            Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        }

        Assert.Equal(CaseState.ResultReleased, await _journey.StateAsync(journey.CaseId));
        foreach (var (client, url) in new[] { (apprentice, "/apprentice/result"), (employer, $"/employer/cases/{journey.CaseId}/result") })
        {
            var (response, page) = await client.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Merit", page.QuerySelector("#result-current .result-grade")!.TextContent);
            Assert.Equal("Merit: What was judged significantly above the expected level, and How too.", page.QuerySelector("#result-current .result-reason")!.TextContent);
            Assert.Contains("How: significantly above the expected level", page.QuerySelector("#result-current .result-judged")!.TextContent, StringComparison.Ordinal);
            Assert.Contains($"How judged Above: {marker}", page.QuerySelector("#result-current .result-judged")!.TextContent, StringComparison.Ordinal);
            Assert.Contains($"Feedback {marker}", page.QuerySelector("#result-current .result-feedback")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("you can appeal until", page.QuerySelector("#result-current .result-appeal")!.TextContent, StringComparison.Ordinal);
        }

        // The stable e-mail link leads each of them to their result page.
        Assert.Equal("/apprentice/result", (await apprentice.GetAsync($"/cases/{journey.CaseId}/result")).Headers.Location!.OriginalString);
        Assert.Equal($"/employer/cases/{journey.CaseId}/result", (await employer.GetAsync($"/cases/{journey.CaseId}/result")).Headers.Location!.OriginalString);

        // The notes stay confidential after release, everywhere they can go.
        foreach (var (client, start, mustReach) in new[] { (apprentice, apprenticeStart, apprenticePages), (employer, employerStart, employerPages) })
        {
            var pages = await CrawlAsync(client, start);
            Assert.All(mustReach, url => Assert.True(pages.TryGetValue(url, out var text) && text.Length > 0, $"{url} was not reached"));
            Assert.Contains(pages.Values, text => text.Contains(marker, StringComparison.Ordinal));
            foreach (var (url, text) in pages)
            {
                Assert.DoesNotContain(notes, text, StringComparison.Ordinal);
            }
        }

        // They were told, without the grade.
        var mail = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == journey.CaseId && m.Kind == NotificationKind.ResultReleased).ToListAsync());
        Assert.Contains(mail, m => m.ToAddress == journey.ApprenticeEmail);
        Assert.Contains(mail, m => m.ToAddress == Demo.Employer);
        Assert.All(mail, m => Assert.DoesNotContain("Merit", m.TextBody + m.HtmlBody + m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherOrganisationsEmployer_AndAnotherApprentice_NeverSeeTheResult()
    {
        var marker = "RATIONALE-" + Guid.NewGuid().ToString("N");
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(Marker: marker));
        await _journey.ApproveAndReleaseAsync(journey.CaseId);
        using var outsider = await factory.SignInAsync(Demo.OtherEmployer);
        using var otherApprentice = await factory.SignInAsync(Demo.Apprentice2);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/employer/cases/{journey.CaseId}/result")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/employer/cases/{journey.CaseId}/appeal")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/cases/{journey.CaseId}/result")).StatusCode);
        var own = await (await otherApprentice.GetAsync("/apprentice/result")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(marker, own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherApprentice.GetAsync($"/cases/{journey.CaseId}/result")).StatusCode);
    }

    /// <summary>Every page reachable by GET links from <paramref name="start"/> (same site, no sign-out or
    /// file downloads, at most 80 pages): url → the text of its main content (what the user reads; empty
    /// for a page they may not see). A page that fails (5xx) fails the test: an error hides nothing.</summary>
    private static async Task<Dictionary<string, string>> CrawlAsync(PortalClient client, IEnumerable<string> start)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(start);
        while (queue.Count > 0 && seen.Count < 80)
        {
            var url = queue.Dequeue();
            if (seen.ContainsKey(url))
            {
                continue;
            }

            seen[url] = string.Empty;
            var response = await client.GetAsync(url);
            var hops = 0;
            while (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location && hops++ < 3)
            {
                url = location.OriginalString;
                if (seen.ContainsKey(url))
                {
                    break;
                }

                seen[url] = string.Empty;
                response = await client.GetAsync(url);
            }

            Assert.True((int)response.StatusCode < 500, $"{url} failed with {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await PortalClient.ParseAsync(response);
            if (!url.StartsWith("/Identity/", StringComparison.OrdinalIgnoreCase))
            {
                // The portal's own pages; Identity UI's account pages are not this feature's to change.
                PageChecks.NoInlineCode(page, url);
            }

            seen[url] = page.QuerySelector("main")?.TextContent ?? page.Body?.TextContent ?? string.Empty;
            foreach (var link in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.Contains("Logout", StringComparison.OrdinalIgnoreCase)
                    && !link.StartsWith("/lib/", StringComparison.Ordinal) && !link.StartsWith("/evidence/files/", StringComparison.Ordinal) && !link.StartsWith("/css/", StringComparison.Ordinal) && !link.StartsWith("/js/", StringComparison.Ordinal))
                {
                    queue.Enqueue(link.Split('#')[0]);
                }
            }
        }

        return seen;
    }

    [GeneratedRegex(@"\b(Merit|Distinction)\b")]
    private static partial Regex Grade();
}
