using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace EpaPortal.Web.Tests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a browser user: it reads forms (with their antiforgery tokens)
/// from the page and posts them back.
/// </summary>
public sealed class PortalClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public async Task<HttpResponseMessage> GetAsync(string url) => await Http.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string url)
    {
        var response = await GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, await new HtmlParser().ParseDocumentAsync(html));
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, finds the form (by CSS selector, default the first form in
    /// main content), overlays <paramref name="fields"/> on its current values and submits it.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, IDictionary<string, string> fields, string formSelector = "main form")
    {
        var (response, document) = await GetPageAsync(pageUrl);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {pageUrl} answered {(int)response.StatusCode}.");
        }

        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}.");
        return await SubmitAsync(form, pageUrl, fields);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, string pageUrl, IDictionary<string, string> fields)
    {
        var values = FormValues(form, fields);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(values);
        return await Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>
    /// Submits a streamed upload form (multipart/form-data) as a browser does: the form's values with
    /// <paramref name="fields"/> overlaid, the antiforgery token first, then the files (none is fine).
    /// </summary>
    public async Task<HttpResponseMessage> SubmitUploadFormAsync(string pageUrl, IDictionary<string, string> fields, string formSelector, params FormUpload[] files)
    {
        var (response, document) = await GetPageAsync(pageUrl);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {pageUrl} answered {(int)response.StatusCode}.");
        }

        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}.");
        var values = FormValues(form, fields).OrderBy(v => v.Key == "__RequestVerificationToken" ? 0 : 1).ToList();
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var file in files)
        {
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            part.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = "\"" + file.Field + "\"", FileName = "\"" + file.FileName + "\"" };
            content.Add(part);
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        return await Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    private static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form, IDictionary<string, string> fields)
    {
        fields = TypedAsDayMonthYear(form, fields);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file"):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked && !fields.ContainsKey(input.Name))
                        {
                            values.Add(new(input.Name, input.Value));
                        }
                    }
                    else if (!fields.ContainsKey(input.Name))
                    {
                        values.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name):
                    values.Add(new(select.Name, select.Value ?? string.Empty));
                    break;
            }
        }

        values.AddRange(fields);
        return values;
    }

    /// <summary>
    /// A date given as yyyy-MM-dd (or blank) for a field the form asks as Day, Month and Year (the date input,
    /// issue 25) is typed into those three fields, as a person would: day and month without leading zeros.
    /// Any other value for such a field is sent as it is, under its own name (the binder's ISO fallback).
    /// </summary>
    private static Dictionary<string, string> TypedAsDayMonthYear(IHtmlFormElement form, IDictionary<string, string> fields)
    {
        var names = form.Elements.OfType<IHtmlInputElement>().Select(e => e.Name).Where(n => !string.IsNullOrEmpty(n)).ToHashSet(StringComparer.Ordinal);
        var typed = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            if (names.Contains(name) || !names.Contains(name + ".Day") || !names.Contains(name + ".Year"))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                typed.Remove(name);
                (typed[name + ".Day"], typed[name + ".Month"], typed[name + ".Year"]) = (string.Empty, string.Empty, string.Empty);
            }
            else if (DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            {
                typed.Remove(name);
                typed[name + ".Day"] = date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);
                typed[name + ".Month"] = date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);
                typed[name + ".Year"] = date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                // Not a date: the three fields blank, so the text reaches the server under the field's own name.
                foreach (var part in new[] { ".Day", ".Month", ".Year" })
                {
                    typed.TryAdd(name + part, string.Empty);
                }
            }
        }

        return typed;
    }

    /// <summary>
    /// The date a date input (Day, Month and Year fields, issue 25) shows, as yyyy-MM-dd, or empty when its fields
    /// are blank; <paramref name="id"/> is the field's id (the day field's).
    /// </summary>
    public static string DateShown(AngleSharp.Dom.IDocument page, string id)
    {
        var parts = new[] { id + "_Year", id + "_Month", id }.Select(part => page.GetElementById(part)?.GetAttribute("value") ?? throw new InvalidOperationException($"No date field #{part} on the page.")).ToArray();
        return parts.All(string.IsNullOrEmpty) ? string.Empty
            : new DateOnly(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Posts raw fields plus the antiforgery token read from <paramref name="pageUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostWithTokenAsync(string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await GetAntiforgeryTokenAsync(pageUrl);
        var values = fields.Append(new("__RequestVerificationToken", token)).ToList();
        using var content = new FormUrlEncodedContent(values);
        return await Http.PostAsync(new Uri(postUrl, UriKind.Relative), content);
    }

    public async Task<string> GetAntiforgeryTokenAsync(string pageUrl)
    {
        var (_, document) = await GetPageAsync(pageUrl);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}.");
    }

    public async Task SignInAsync(string email, string password)
    {
        var response = await SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }, "form#account");
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}.");
        }
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>A file a test uploads with a form: the form field, the name the browser sends, the bytes.</summary>
public sealed record FormUpload(string Field, string FileName, byte[] Content);
