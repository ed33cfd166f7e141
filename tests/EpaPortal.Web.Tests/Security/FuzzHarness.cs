using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AngleSharp.Html.Dom;
using CsCheck;
using EpaPortal.Web.Data;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Security;

/// <summary>What one field of a fuzzed form is given on one post.</summary>
public enum FuzzAction
{
    /// <summary>The value the page put there (so valid posts happen too).</summary>
    Keep,

    /// <summary>The field is not sent at all (a null).</summary>
    Omit,

    /// <summary>A generated value.</summary>
    Value,
}

public sealed record FuzzValue(FuzzAction Action, string Text)
{
    public override string ToString() => Action switch
    {
        FuzzAction.Keep => "keep",
        FuzzAction.Omit => "omit",
        _ => Text.Length > 60 ? $"\"{Escape(Text[..60])}…\" ({Text.Length} chars)" : $"\"{Escape(Text)}\"",
    };

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return builder.ToString();
    }
}

/// <summary>
/// Property-based fuzzing of a form through HTTP with CsCheck: the form is read from its page as a browser
/// would, its visible fields get generated values (very long strings, Unicode, markup, SQL-looking text,
/// empty and missing values), and every post must satisfy: no 5xx; markup never comes back unencoded (in the
/// answer, or on the page the accepted post leads to); a post that is not accepted (no redirect) changes
/// nothing in the rows the form edits.
/// </summary>
public static class FuzzHarness
{
    public const int Iterations = 300;

    /// <summary>Markup that must never appear raw in a response (the generator uses exactly these).</summary>
    public static readonly string[] DangerousMarkup = ["<script>alert(", "<img src=x onerror=", "<svg/onload=", "<iframe src=javascript:"];

    private static readonly string[] Payloads =
    [
        "<script>alert('xss')</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg/onload=alert(1)>",
        "<iframe src=javascript:alert(1)></iframe>",
        "'; DROP TABLE Cases; --",
        "' OR '1'='1' --",
        "Robert'); DELETE FROM AuditEntries;--",
        "1; UPDATE AspNetUsers SET Email='x'",
        "🎓👩🏽‍💻🇬🇧",
        "\u202Egnp.exe",
        "e\u0301\u0308\u0327 Z\u0351\u0345\u0353a\u0300l\u0315g\u0361o\u035C",
        "مرحبا بالعالم — שלום עולם",
        "{{7*7}} ${7*7} @(7*7) <%= 7*7 %>",
        "../../../../etc/passwd",
        "%00%0d%0aSet-Cookie: x=1",
        "\0",
        "\r\n\r\n",
        "null",
        "NaN",
        "-1",
        "99999999999999999999",
        "2026-02-30",
        "true",
        " ",
        "\t",
        "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
    ];

    /// <summary>One generated text: a payload, a random string (ASCII or wider Unicode, no lone surrogates), a
    /// very long string, or a payload inside ordinary text.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.OneOf(Payloads)),
        (3, Chars(' ', '~', 0, 60)),
        (2, Chars('\u00A0', '\uD7FF', 1, 40)),
        (1, Gen.Int[1_000, 12_000].Select(n => new string('x', n - 1) + "<")),
        (1, Gen.Select(Chars('a', 'z', 0, 20), Gen.OneOf(Payloads), Chars('a', 'z', 0, 20), (a, p, b) => $"{a} {p} {b}")));

    public static readonly Gen<FuzzValue> Value = Gen.Frequency(
        (3, Gen.Const(new FuzzValue(FuzzAction.Keep, string.Empty))),
        (1, Gen.Const(new FuzzValue(FuzzAction.Omit, string.Empty))),
        (1, Gen.Const(new FuzzValue(FuzzAction.Value, string.Empty))),
        (6, Text.Select(t => new FuzzValue(FuzzAction.Value, t))));

    private static Gen<string> Chars(char from, char to, int min, int max) => Gen.Char[from, to].Array[min, max].Select(a => new string(a));

    private static readonly JsonSerializerOptions SnapshotJson = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles, WriteIndented = false };

    /// <summary>The rows as JSON: two snapshots are equal when nothing in them changed.</summary>
    public static string Json<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows.ToList(), SnapshotJson);

    /// <summary>
    /// Fuzzes the form at <c>selector</c> on <c>pageUrl</c> as <c>client</c>: <c>snapshot</c> reads the rows
    /// the form can change, <c>fixedValues</c> are set on every post (e.g. which button was pressed), and at
    /// most <c>maxFields</c> fields are fuzzed. Returns how many posts were accepted (redirected) and refused.
    /// </summary>
    public static async Task<FuzzReport> RunAsync(PortalFactory factory, PortalClient client, string pageUrl, string selector, Func<PortalDbContext, Task<string>> snapshot, FuzzOptions? options = null)
    {
        options ??= new FuzzOptions();
        var form = await LoadAsync(client, pageUrl, selector, options) ?? throw new InvalidOperationException($"No form '{selector}' on {pageUrl}.");
        var fields = (options.Fields ?? FieldsOf(form.Page, selector).Take(options.MaxFields)).ToList();
        var fixedValues = options.Fixed;
        Assert.NotEmpty(fields);
        var before = await factory.WithDbAsync(snapshot);
        var report = new FuzzReport(fields);

        var original = fields.ToDictionary(f => f, f => form.GetAll(f).ToArray(), StringComparer.Ordinal);
        await Value.Array[fields.Count].SampleAsync(
            async values =>
            {
                var post = form;
                foreach (var (key, value) in fixedValues ?? new Dictionary<string, string>())
                {
                    post.Set(key, value);
                }

                for (var i = 0; i < fields.Count; i++)
                {
                    switch (values[i].Action)
                    {
                        case FuzzAction.Keep:
                            post.Set(fields[i], original[fields[i]]);
                            break;
                        case FuzzAction.Omit:
                            post.Set(fields[i]);
                            break;
                        default:
                            post.Set(fields[i], values[i].Text);
                            break;
                    }
                }

                var response = await post.PostAsync(client);
                var body = await response.Content.ReadAsStringAsync();
                report.Posts++;
                Assert.True((int)response.StatusCode < 500, $"{pageUrl}: answered {(int)response.StatusCode}.");
                AssertEncoded(body, pageUrl);
                var after = await factory.WithDbAsync(snapshot);
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    report.Accepted++;
                    var location = response.Headers.Location?.OriginalString ?? pageUrl;
                    var shown = await client.GetAsync(location);
                    Assert.True((int)shown.StatusCode < 500, $"{location} after an accepted post answered {(int)shown.StatusCode}.");
                    AssertEncoded(await shown.Content.ReadAsStringAsync(), location);
                    AssertEncoded(await (await client.GetAsync(pageUrl)).Content.ReadAsStringAsync(), pageUrl);

                    // The saved rows have a new version: later posts start from a fresh form, as a user would.
                    if (await LoadAsync(client, pageUrl, selector, options) is { } fresh)
                    {
                        form = fresh;
                        original = fields.ToDictionary(f => f, f => form.GetAll(f).ToArray(), StringComparer.Ordinal);
                    }

                    before = after;
                }
                else
                {
                    report.Refused++;
                    Assert.True(before == after, $"{pageUrl}: a post answered {(int)response.StatusCode} but changed the data.");
                }
            },
            iter: Iterations,
            threads: 1,
            print: values => string.Join(", ", fields.Zip(values, (f, v) => $"{f}={v}")));

        Assert.Equal(Iterations, report.Posts);
        return report;
    }

    public static void AssertEncoded(string body, string url)
    {
        foreach (var markup in DangerousMarkup)
        {
            Assert.False(body.Contains(markup, StringComparison.OrdinalIgnoreCase), $"{url} shows '{markup}' unencoded.");
        }
    }

    /// <summary>
    /// The form as the page shows it, made valid where the page leaves it empty (so that "keep" values give
    /// accepted posts too): each select without a choice gets its first option, then the baseline values.
    /// </summary>
    private static async Task<FormData?> LoadAsync(PortalClient client, string url, string selector, FuzzOptions options)
    {
        var (response, document) = await client.GetPageAsync(url);
        if (response.StatusCode != HttpStatusCode.OK || document.QuerySelector(selector) is not IHtmlFormElement element)
        {
            return null;
        }

        var form = FormData.From(document, url, selector);
        foreach (var select in element.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>())
        {
            if (form.GetAll(select.Name!).All(string.IsNullOrEmpty) && !select.IsMultiple
                && select.Options.Select(o => o.Value).FirstOrDefault(v => !string.IsNullOrEmpty(v)) is { } first)
            {
                form.Set(select.Name!, first);
            }
        }

        foreach (var (name, value) in options.Baseline?.Invoke() ?? new Dictionary<string, string>())
        {
            form.Set(name, value);
        }

        return form;
    }

    /// <summary>The names of the fields a person can type into or choose in (not hidden ones, buttons or files).</summary>
    private static IEnumerable<string> FieldsOf(IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)!.QuerySelectorAll("textarea[name], select[name], input[name]")
            .Where(e => e is not IHtmlInputElement input || input.Type is not ("hidden" or "checkbox" or "radio" or "submit" or "button" or "file"))
            .Select(e => e.GetAttribute("name")!)
            .Where(n => n != "__RequestVerificationToken")
            .Distinct(StringComparer.Ordinal);
}

/// <summary>How a form is fuzzed.</summary>
public sealed record FuzzOptions
{
    /// <summary>Fields set on every post (e.g. which button was pressed).</summary>
    public IReadOnlyDictionary<string, string>? Fixed { get; init; }

    /// <summary>Valid values put into the form before fuzzing (a new set each time the form is read), so that
    /// keeping a field's value can give an accepted post.</summary>
    public Func<IReadOnlyDictionary<string, string>>? Baseline { get; init; }

    /// <summary>The fields to fuzz (default: the first <see cref="MaxFields"/> a person can type into or choose in).</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    public int MaxFields { get; init; } = 10;
}

public sealed class FuzzReport(IReadOnlyList<string> fields)
{
    public IReadOnlyList<string> Fields { get; } = fields;

    public int Posts { get; set; }

    public int Accepted { get; set; }

    public int Refused { get; set; }
}
