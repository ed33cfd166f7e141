using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EpaPortal.Web.Tests.Interviews;

/// <summary>
/// The assessor's notes, questions, answer summaries and unreleased judgement never reach the case's
/// apprentice or employer: a unique marker is written into every one of them through the assessor's pages,
/// then every page the apprentice and the employer can reach is requested (every GET route of the portal,
/// filled with this case's ids, plus every link found on the pages they see) and none may contain it.
/// </summary>
[Trait(Category.Name, Category.Integration)]
[Trait(Category.Name, Category.Security)]
public partial class ConfidentialityTests(PortalFactory factory, ITestOutputHelper output) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task TheAssessorsConfidentialText_NeverAppearsOnAnyPageTheApprenticeOrEmployerCanReach()
    {
        var marker = AssessorJourney.Marker();
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        var assessor = await factory.SignInAsync(Demo.Assessor);

        // Notes, an initial conclusion's comment, planned and proposed questions, answers (planned and unplanned).
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);
        var notes = await AssessorJourney.CompleteNotesFormAsync(assessor, testCase.CaseId, $"Notes {marker}", $"Question {marker}?", InitialLevel.Above);
        notes.Set("Conclusions[0].Comment", $"Comment {marker}");
        Assert.Equal(HttpStatusCode.Redirect, (await notes.PostAsync(assessor)).StatusCode);
        var room = $"https://video.example.test/room-{testCase.CaseId}";
        Assert.Equal(HttpStatusCode.Redirect, (await AssessorJourney.BookAsync(factory, assessor, testCase.CaseId, room)).StatusCode);
        await AssessorJourney.PassTheInterviewStartAsync(factory, testCase.CaseId);
        assessor.Dispose();
        assessor = await factory.SignInAsync(Demo.Assessor);
        var record = await AssessorJourney.AnsweredRecordFormAsync(assessor, testCase.CaseId, $"Answer {marker}");
        record.Set("Unplanned[0].Text", $"Unplanned {marker}?").Set("Unplanned[0].AnswerSummary", $"Unplanned answer {marker}").Set("Complete", "true");
        Assert.Equal(HttpStatusCode.Redirect, (await record.PostAsync(assessor)).StatusCode);

        // A saved (draft) judgement with the marker in its rationales and feedback.
        var judgement = await AssessorJourney.JudgementFormAsync(assessor, testCase.CaseId, AreaLevel.Above, AreaLevel.Above, AreaLevel.Expected, $"Rationale {marker}");
        judgement.Set("Feedback", $"Feedback {marker}");
        Assert.Equal(HttpStatusCode.Redirect, (await judgement.PostAsync(assessor)).StatusCode);

        await AssertNoPartySeesAsync(testCase, marker);

        // What the apprentice does see: the booking, not the questions.
        using (var apprentice = await factory.SignInAsync(testCase.ApprenticeEmail))
        {
            var (_, dashboard) = await apprentice.GetPageAsync("/apprentice");
            Assert.Contains(room, dashboard.Body!.TextContent, StringComparison.Ordinal);
        }

        // Submitted and graded, but not released: still confidential.
        var submit = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form");
        submit.Set("Submit", "true");
        Assert.Equal(HttpStatusCode.Redirect, (await submit.PostAsync(assessor)).StatusCode);
        Assert.Equal(CaseState.Graded, await AssessorJourney.StateAsync(factory, testCase.CaseId));
        await AssertNoPartySeesAsync(testCase, marker);

        // No e-mail about the case carries it either.
        var mail = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.CaseId == testCase.CaseId).ToListAsync());
        Assert.NotEmpty(mail);
        Assert.All(mail, m => Assert.DoesNotContain(marker, $"{m.Subject}\n{m.TextBody}\n{m.HtmlBody}\n{m.CalendarIcs}", StringComparison.OrdinalIgnoreCase));

        // And the marker really is where the assessor put it (the check above could not pass vacuously).
        var (_, notesPage) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/notes");
        Assert.Contains($"Notes {marker}", notesPage.Body!.TextContent, StringComparison.Ordinal);
        var (_, judgementPage) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        Assert.Contains($"Rationale {marker}", judgementPage.Body!.TextContent, StringComparison.Ordinal);
        assessor.Dispose();
    }

    /// <summary>
    /// Signs in as the apprentice, then the employer, and visits every GET route of the portal (filled with
    /// this case's ids), every redirect target and every link, frame and image on the pages they reach
    /// (within the portal), asserting the marker is on none of them.
    /// </summary>
    private async Task AssertNoPartySeesAsync(TestCase testCase, string marker)
    {
        var ids = await IdsAsync(testCase.CaseId);
        var routes = RouteUrls(ids);
        var parser = new HtmlParser();
        foreach (var who in new[] { testCase.ApprenticeEmail, Demo.Employer })
        {
            using var client = await factory.SignInAsync(who);
            var queue = new Queue<string>(routes);
            var seen = new HashSet<string>(routes, StringComparer.OrdinalIgnoreCase);
            var reached = 0;
            var statuses = new Dictionary<HttpStatusCode, int>();
            while (queue.Count > 0)
            {
                var url = queue.Dequeue();
                var response = await client.GetAsync(url);
                statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
                if ((int)response.StatusCode >= 500)
                {
                    output.WriteLine($"{(int)response.StatusCode} {url}");
                }

                var body = await response.Content.ReadAsStringAsync();
                Assert.False(body.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{who} saw the confidential marker at {url}");

                var next = new List<string>();
                if (response.Headers.Location is { } location)
                {
                    next.Add(location.OriginalString);
                }

                if (response.StatusCode == HttpStatusCode.OK)
                {
                    reached++;
                    if (response.Content.Headers.ContentType?.MediaType == "text/html")
                    {
                        var document = await parser.ParseDocumentAsync(body);
                        next.AddRange(document.QuerySelectorAll("a[href], iframe[src], img[src]").Select(a => a.GetAttribute("href") ?? a.GetAttribute("src")!));
                    }
                }

                foreach (var link in next.Select(l => l.Split('#')[0]))
                {
                    if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !IsSignOut(link) && seen.Add(link))
                    {
                        queue.Enqueue(link);
                    }
                }
            }

            output.WriteLine($"{who}: {seen.Count} addresses requested, {reached} answered 200; {string.Join(", ", statuses.Select(x => $"{(int)x.Key}: {x.Value}"))}.");
            Assert.True(reached >= 5, $"{who} reached only {reached} pages: the crawl did not exercise the portal.");
        }
    }

    private static bool IsSignOut(string url) => url.Contains("logout", StringComparison.OrdinalIgnoreCase) || url.Contains("signout", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every GET route of the portal, with this case's values in its parameters (static files left out).</summary>
    private List<string> RouteUrls(CaseIds ids)
    {
        var urls = new List<string> { "/" };
        foreach (var endpoint in factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            var raw = endpoint.RoutePattern.RawText ?? string.Empty;
            var isStaticFile = endpoint.RoutePattern.Parameters.Count == 0 && Path.HasExtension(raw);
            if ((methods is not null && !methods.Contains(HttpMethods.Get)) || isStaticFile)
            {
                continue;
            }

            urls.AddRange(Expand(endpoint.RoutePattern, ids).Where(u => !IsSignOut(u)));
        }

        return urls.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The URLs a route pattern gives with this case's values in its parameters.</summary>
    private static IEnumerable<string> Expand(RoutePattern pattern, CaseIds ids)
    {
        var paths = new List<string> { string.Empty };
        foreach (var segment in pattern.PathSegments)
        {
            var options = new List<string> { string.Empty };
            foreach (var part in segment.Parts)
            {
                IEnumerable<string> values = part switch
                {
                    RoutePatternLiteralPart literal => [literal.Content],
                    RoutePatternSeparatorPart separator => [separator.Content],
                    RoutePatternParameterPart { IsCatchAll: true } => [],
                    RoutePatternParameterPart parameter when pattern.RequiredValues.TryGetValue(parameter.Name, out var required) && required is string fixedValue => [fixedValue],

                    // A conventional route's own pattern (every controller and action) is covered by the actions' endpoints.
                    RoutePatternParameterPart { Name: "controller" or "action" or "area" or "page" or "handler" } => [],
                    RoutePatternParameterPart parameter => parameter.IsOptional ? ValuesFor(parameter, pattern, ids).Append(string.Empty) : ValuesFor(parameter, pattern, ids),
                    _ => [],
                };
                options = options.SelectMany(o => values.Select(v => o + v)).ToList();
            }

            paths = paths.SelectMany(p => options.Select(o => o.Length == 0 ? p : $"{p}/{o}")).ToList();
        }

        return paths.Select(p => p.Length == 0 ? "/" : p).Distinct();
    }

    private static IEnumerable<string> ValuesFor(RoutePatternParameterPart parameter, RoutePattern pattern, CaseIds ids)
    {
        var constraints = pattern.ParameterPolicies.TryGetValue(parameter.Name, out var policies)
            ? policies.Select(p => p.Content ?? string.Empty).ToList()
            : [];
        if (constraints.Any(c => c.StartsWith("regex", StringComparison.Ordinal)))
        {
            var alternatives = AlternativesRegex().Match(string.Join(" ", constraints));
            return alternatives.Success ? alternatives.Groups[1].Value.Split('|') : [];
        }

        if (constraints.Contains("guid"))
        {
            return ids.FileIds.Select(g => g.ToString());
        }

        // Ids: the case for a case id; the case, its evidence items and its questions for any other id;
        // names: the sections of a case.
        var numbers = (parameter.Name.Contains("case", StringComparison.OrdinalIgnoreCase) ? [ids.Numbers[0]] : ids.Numbers)
            .Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return constraints.Contains("int") ? numbers : numbers.Concat(["notes", "interview", "judgement", "project", "portfolio", "reference", "gateway", "result", "appeal", "quality"]);
    }

    private async Task<CaseIds> IdsAsync(int caseId) => await factory.WithDbAsync(async db =>
    {
        var files = await db.StoredFiles.Where(f => f.CaseId == caseId).Select(f => f.Id).ToListAsync();
        var numbers = new List<int> { caseId };
        numbers.AddRange(await db.EvidenceItems.Where(e => e.CaseId == caseId).Select(e => e.Id).ToListAsync());
        numbers.AddRange(await db.InterviewQuestions.Where(q => q.CaseId == caseId).Select(q => q.Id).ToListAsync());
        return new CaseIds(numbers.Distinct().ToList(), files);
    });

    [GeneratedRegex(@"\^\(([^)]*)\)\$")]
    private static partial Regex AlternativesRegex();

    private sealed record CaseIds(IReadOnlyList<int> Numbers, IReadOnlyList<Guid> FileIds);
}
