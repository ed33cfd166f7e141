using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace EpaPortal.Web.Infrastructure.DateInput;

/// <summary>
/// The GOV.UK date input: a fieldset with a legend, an optional hint and three labelled text fields (Day,
/// Month, Year), so no browser shows a date picker in its own locale's order (mm/dd/yyyy in a US browser).
/// <code>&lt;date-input asp-for="Input.StartDate" legend="Start date" hint="For example, 27 3 2025" /&gt;</code>
/// or, for a field written by hand (a query filter), <c>name="from" value="@f.From"</c>.
/// </summary>
/// <remarks>
/// The day field's id is the field's own id (<c>Input_StartDate</c>), the one the error summary links to; the
/// month and year are <c>Input_StartDate_Month</c> and <c>Input_StartDate_Year</c>. After a problem the fields show
/// exactly what was typed (kept by <see cref="DatePartsModelBinder"/>), and the field's message is shown in the
/// fieldset. <c>date-of-birth="true"</c> adds the browser's autocomplete for a date of birth.
/// </remarks>
[HtmlTargetElement("date-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DateInputTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression? For { get; set; }

    /// <summary>The field's name when there is no <c>asp-for</c> (the fields are <c>name.Day</c> etc.).</summary>
    public string? Name { get; set; }

    /// <summary>The date shown when there is no <c>asp-for</c>: a DateOnly, DateTime or ISO text (yyyy-MM-dd).</summary>
    public object? Value { get; set; }

    public string? Legend { get; set; }

    public string? Hint { get; set; }

    [HtmlAttributeName("date-of-birth")]
    public bool DateOfBirth { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = For is not null
            ? ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name)
            : Name ?? throw new InvalidOperationException("<date-input> needs asp-for or name.");
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var entry = ViewContext.ViewData.ModelState.TryGetValue(name, out var state) ? state : null;
        var parts = entry?.RawValue as DateParts ?? PartsOf(For is not null ? For.Model : Value) ?? new DateParts(null, null, null);
        var errors = entry is null ? [] : entry.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).Distinct().ToList();
        if (entry?.RawValue is DateParts { Error: not null })
        {
            errors = errors.Take(1).ToList();
        }

        var invalid = errors.Count > 0;
        var hintId = id + "-hint";
        var errorId = id + "-error";
        var describedBy = string.Join(' ', new[] { Hint is null ? null : hintId, invalid ? errorId : null }.Where(x => x is not null));

        output.TagName = "fieldset";
        output.TagMode = TagMode.StartTagAndEndTag;
        var existingClass = output.Attributes.TryGetAttribute("class", out var cls) ? cls.Value?.ToString() : null;
        output.Attributes.SetAttribute("class", string.IsNullOrEmpty(existingClass) ? "date-input" : "date-input " + existingClass);
        if (describedBy.Length > 0)
        {
            output.Attributes.SetAttribute("aria-describedby", describedBy);
        }

        var enc = HtmlEncoder.Default;
        var html = new System.Text.StringBuilder(1200);
        html.Append("<legend class=\"date-input__legend\">").Append(enc.Encode(Legend ?? DateParts.Humanize(For?.Metadata.Name ?? name))).Append("</legend>");
        if (Hint is not null)
        {
            html.Append("<div class=\"form-text date-input__hint\" id=\"").Append(enc.Encode(hintId)).Append("\">").Append(enc.Encode(Hint)).Append("</div>");
        }

        if (invalid)
        {
            // data-valmsg-for as asp-validation-for writes it, so the message is found where every other field's is.
            html.Append("<span class=\"text-danger d-block date-input__error\" id=\"").Append(enc.Encode(errorId))
                .Append("\" data-valmsg-for=\"").Append(enc.Encode(name)).Append("\">");
            html.Append(string.Join("<br>", errors.Select(e => enc.Encode(e))));
            html.Append("</span>");
        }

        html.Append("<div class=\"date-input__items\">");
        Item(html, "Day", id, name + DateParts.DaySuffix, parts.Day, 2, DateOfBirth ? "bday-day" : null, invalid ? errorId : null);
        Item(html, "Month", id + "_Month", name + DateParts.MonthSuffix, parts.Month, 2, DateOfBirth ? "bday-month" : null, invalid ? errorId : null);
        Item(html, "Year", id + "_Year", name + DateParts.YearSuffix, parts.Year, 4, DateOfBirth ? "bday-year" : null, invalid ? errorId : null);
        html.Append("</div>");
        output.Content.SetHtmlContent(html.ToString());
    }

    private static void Item(System.Text.StringBuilder html, string label, string id, string name, string? value, int width, string? autocomplete, string? errorId)
    {
        var enc = HtmlEncoder.Default;
        html.Append("<div class=\"date-input__item\">");
        html.Append("<label class=\"form-label date-input__label\" for=\"").Append(enc.Encode(id)).Append("\">").Append(label).Append("</label>");
        html.Append("<input class=\"form-control date-input__input date-input__input--").Append(width.ToString(CultureInfo.InvariantCulture));
        if (errorId is not null)
        {
            html.Append(" is-invalid");
        }

        html.Append("\" id=\"").Append(enc.Encode(id)).Append("\" name=\"").Append(enc.Encode(name)).Append("\" type=\"text\" inputmode=\"numeric\"");
        html.Append(" value=\"").Append(enc.Encode(value ?? string.Empty)).Append('"');
        if (autocomplete is not null)
        {
            html.Append(" autocomplete=\"").Append(autocomplete).Append('"');
        }

        if (errorId is not null)
        {
            html.Append(" aria-invalid=\"true\" aria-describedby=\"").Append(enc.Encode(errorId)).Append('"');
        }

        html.Append(" />");
        html.Append("</div>");
    }

    private static DateParts? PartsOf(object? value) => value switch
    {
        DateOnly date => DateParts.From(date),
        DateTime time => DateParts.From(DateOnly.FromDateTime(time)),
        DateTimeOffset offset => DateParts.From(DateOnly.FromDateTime(offset.DateTime)),
        string text when DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => DateParts.From(date),
        _ => null,
    };
}
