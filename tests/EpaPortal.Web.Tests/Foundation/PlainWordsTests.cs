using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EpaPortal.Web.Tests.Foundation;

/// <summary>
/// People read the business's words, never the code's: every main page of every role, over the demo
/// cases at every stage, is crawled and fails on a raw code word (an enum or action name such as
/// <c>StateChanged</c>, an area code such as <c>WithWhom</c>, a version code such as <c>ST0128_1.0</c>,
/// a stored evidence citation such as <c>PortfolioItem:7</c>, "item(s)", or a date of year one).
/// Text inside <c>code</c> and <c>pre</c> is a deliberate technical reference (a file format, a setting) and is skipped.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public sealed partial class PlainWordsTests(DemoScenarioFactory factory, ITestOutputHelper output) : IClassFixture<DemoScenarioFactory>
{
    private const int MaxPagesPerPerson = 70;

    /// <summary>Real words written in one piece that the generic check would otherwise take for code.</summary>
    private static readonly HashSet<string> RealWords = new(StringComparer.Ordinal) { "PowerPoint", "JavaScript", "LinkedIn" };

    public static TheoryData<string> People() => new(
        Demo.Admin,
        Demo.QualityAssurer,
        DemoDataSeeder.ScenarioAssessor,
        Demo.Employer,
        Demo.OtherEmployer,
        Demo.Apprentice,
        "dev.patel@demo.test",
        "finn.murphy@demo.test",
        "jack.wilson@demo.test",
        "kate.taylor@demo.test");

    [Theory]
    [MemberData(nameof(People))]
    public async Task EveryPageOfTheRole_ShowsNoRawCodeWords(string email)
    {
        using var client = await factory.SignInAsync(email);
        var (home, _) = await client.GetPageAsync("/");
        var start = home.StatusCode == HttpStatusCode.Redirect ? home.Headers.Location!.OriginalString : "/";

        var pages = await CrawlAsync(client, start);

        output.WriteLine($"{email}: {pages.Count} pages");
        Assert.True(pages.Count >= 5, $"Only {pages.Count} pages were reached from {start}.");
        var found = new List<string>();
        foreach (var (url, text) in pages)
        {
            foreach (var pattern in CodePatterns())
            {
                foreach (Match match in pattern.Matches(text))
                {
                    if (!RealWords.Contains(match.Value))
                    {
                        found.Add($"{url}: '{match.Value}' in \"{Around(text, match.Index)}\"");
                    }
                }
            }
        }

        Assert.True(found.Count == 0, $"Code words reach {email}:{Environment.NewLine}{string.Join(Environment.NewLine, found.Distinct().Take(40))}");
    }

    [Fact]
    public void ThePatterns_CatchTheCodeWordsOfTheIssue()
    {
        foreach (var sample in new[] { "WithWhom", "ST0128_1.0", "StateChanged", "PortfolioItem:7", $"ProjectFile:{Guid.NewGuid()}", "0 evidence item(s)", "GatewaySubmitted → GatewayApproved", "Since 1 January 0001" })
        {
            Assert.True(CodePatterns().Any(p => p.IsMatch(sample) && !RealWords.Contains(p.Match(sample).Value)), $"No pattern catches '{sample}'.");
        }

        foreach (var plain in new[] { "With Whom", "ST0128 version 1.0", "State changed", "Portfolio: Work evidence 1", "no evidence items", "1 evidence item", "Gateway submitted → Gateway approved", "a PowerPoint file" })
        {
            Assert.False(CodePatterns().Any(p => p.IsMatch(plain) && !RealWords.Contains(p.Match(plain).Value)), $"A pattern catches the plain words '{plain}'.");
        }
    }

    private static IEnumerable<Regex> CodePatterns() =>
    [
        PascalCaseWord(),
        VersionCode(),
        EvidenceCitation(),
        MaybePlural(),
        YearOne(),
    ];

    /// <summary>Every page reachable by links from <paramref name="start"/> (same site; no sign-out, files, exports or Identity pages): url → its main text without code.</summary>
    private static async Task<Dictionary<string, string>> CrawlAsync(PortalClient client, string start)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0 && seen.Count < MaxPagesPerPerson)
        {
            var url = queue.Dequeue();
            if (!seen.TryAdd(url, string.Empty))
            {
                continue;
            }

            var response = await client.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url} failed with {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var page = await PortalClient.ParseAsync(response);
            foreach (var technical in page.QuerySelectorAll("main code, main pre").ToList())
            {
                technical.Remove();
            }

            var main = page.QuerySelector("main");
            seen[url] = main is null ? string.Empty : string.Join(' ', main.Descendants<IText>().Select(t => t.Text));
            foreach (var link in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                var target = link.Split('#')[0];
                if (target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal) && !Skipped().IsMatch(target) && !seen.ContainsKey(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return seen;
    }

    private static string Around(string text, int index)
    {
        var from = Math.Max(0, index - 40);
        return Regex.Replace(text.Substring(from, Math.Min(100, text.Length - from)), @"\s+", " ").Trim();
    }

    /// <summary>Two or more capitalised words run together: an enum, action or setting name.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")]
    private static partial Regex PascalCaseWord();

    [GeneratedRegex(@"\bST\d{4}_\d")]
    private static partial Regex VersionCode();

    [GeneratedRegex(@"\b(?:PortfolioItem|ProjectFile|ReferenceSection|InterviewAnswer)\s*:\s*\S+")]
    private static partial Regex EvidenceCitation();

    [GeneratedRegex(@"\w\((?:s|es|ies)\)")]
    private static partial Regex MaybePlural();

    [GeneratedRegex(@"\b0001\b")]
    private static partial Regex YearOne();

    [GeneratedRegex(@"(?i)^/(?:identity|lib|css|js|evidence/files|bench)|logout|/export|\.(?:csv|ics|zip)$")]
    private static partial Regex Skipped();
}
