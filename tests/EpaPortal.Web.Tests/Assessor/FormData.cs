using AngleSharp.Html.Dom;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Assessor;

/// <summary>
/// A form read from a page as a browser would submit it: every named field with its current value(s),
/// several for a multiple select, and the antiforgery token. Fields can be changed (several values
/// each) before posting, which <see cref="PortalClient.SubmitFormAsync"/> cannot do.
/// </summary>
public sealed class FormData
{
    private readonly List<KeyValuePair<string, string>> _values = [];

    private FormData(string action, IHtmlDocument page)
    {
        Action = action;
        Page = page;
    }

    public string Action { get; }

    /// <summary>The page the form was read from.</summary>
    public IHtmlDocument Page { get; }

    public static async Task<FormData> LoadAsync(PortalClient client, string url, string formSelector)
    {
        var (response, document) = await client.GetPageAsync(url);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        }

        return From(document, url, formSelector);
    }

    public static FormData From(IHtmlDocument document, string url, string formSelector)
    {
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}.");
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        var data = new FormData(action, document);
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file"):
                    if (input.Type is not ("checkbox" or "radio") || input.IsChecked)
                    {
                        data._values.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    data._values.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        data._values.Add(new(select.Name, option.Value));
                    }

                    break;
            }
        }

        return data;
    }

    public IReadOnlyList<string> Names => _values.Select(v => v.Key).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The field's value; for a date the form asks as Day, Month and Year, the date they show as yyyy-MM-dd.</summary>
    public string? Get(string name)
    {
        if (_values.Any(v => v.Key == name) || !_values.Any(v => v.Key == name + ".Day"))
        {
            return _values.FirstOrDefault(v => v.Key == name).Value;
        }

        var parts = new[] { ".Year", ".Month", ".Day" }.Select(part => int.TryParse(_values.FirstOrDefault(v => v.Key == name + part).Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
        return parts.Any(n => n == 0) ? null : new DateOnly(parts[0], parts[1], parts[2]).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<string> GetAll(string name) => _values.Where(v => v.Key == name).Select(v => v.Value).ToList();

    /// <summary>Replaces every value of the field (no values: the field is not sent, like an empty multiple select).</summary>
    public FormData Set(string name, params string[] values)
    {
        // A date the form asks as Day, Month and Year (the date input, issue 25) is typed into those three fields.
        if (values.Length == 1 && _values.Any(v => v.Key == name + ".Day")
            && DateOnly.TryParseExact(values[0], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            return Set(name + ".Day", date.Day.ToString(inv)).Set(name + ".Month", date.Month.ToString(inv)).Set(name + ".Year", date.Year.ToString(inv));
        }

        _values.RemoveAll(v => v.Key == name);
        _values.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        return this;
    }

    /// <summary>The values a field offers (a select's options or a group of tick boxes, all of them, chosen or not), for picking evidence.</summary>
    public IReadOnlyList<string> OptionsOf(string name) =>
        Page.QuerySelectorAll($"select[name='{name}'] option, input[type=checkbox][name='{name}']").Select(o => o.GetAttribute("value") ?? string.Empty).Where(v => v.Length > 0).ToList();

    public async Task<HttpResponseMessage> PostAsync(PortalClient client)
    {
        using var content = new FormUrlEncodedContent(_values);
        return await client.Http.PostAsync(new Uri(Action, UriKind.Relative), content);
    }
}
