using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace EpaPortal.BrowserTests.Infrastructure;

/// <summary>axe-core checks against WCAG 2.2 A and AA.</summary>
/// <remarks>
/// The axe-core build is the one Deque.AxeCore.Playwright ships (Deque.AxeCore.Commons). It is installed in
/// every browser context as an init script and run with <c>axe.run</c> directly: the package's
/// <c>page.RunAxe()</c> opens a second page and re-sends the 650 KB script on every call, which took 6–11 s
/// per page here against about 0.1 s for the same rules run in place.
/// </remarks>
public static class Accessibility
{
    /// <summary>The axe rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA.</summary>
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly string[] FailingImpacts = ["serious", "critical"];

    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    // Runs the WCAG rules on the whole document and returns the violations, trimmed to what a report needs.
    private const string RunAxe = """
        async (tags) => {
          const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return JSON.stringify(result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({ target: n.target.flat(Infinity).join(' '), summary: (n.failureSummary || '').replace(/\s+/g, ' ') }))
          })));
        }
        """;

    /// <summary>Makes axe-core available on every page the context opens.</summary>
    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync(AxeSource.Value);

    /// <summary>
    /// Runs axe on the page as it is now and fails, listing each rule, its help and the elements, when any
    /// WCAG A/AA rule is violated with serious or critical impact.
    /// </summary>
    public static async Task AssertNoSeriousAxeViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var json = await page.EvaluateAsync<string>(RunAxe, WcagTags);
        var serious = (JsonSerializer.Deserialize<List<Violation>>(json, Json) ?? [])
            .Where(v => FailingImpacts.Contains(v.Impact, StringComparer.Ordinal))
            .ToList();
        if (serious.Count == 0)
        {
            return;
        }

        var report = new StringBuilder($"axe found {serious.Count} serious or critical WCAG 2.2 A/AA violation(s) on {page.Url}:");
        foreach (var violation in serious)
        {
            report.AppendLine().Append("- ").Append(violation.Id).Append(" (").Append(violation.Impact).Append("): ")
                .Append(violation.Help).Append(' ').Append(violation.HelpUrl);
            foreach (var node in violation.Nodes)
            {
                report.AppendLine().Append("    at ").Append(node.Target).Append(": ").Append(node.Summary);
            }
        }

        Assert.Fail(report.ToString());
    }

    private sealed record Violation(string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<ViolationNode> Nodes);

    private sealed record ViolationNode(string Target, string Summary);
}
