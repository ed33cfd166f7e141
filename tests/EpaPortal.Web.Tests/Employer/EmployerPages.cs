using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Employer;

/// <summary>Reading the employer pages the way a person (or their browser) sees them.</summary>
public static class EmployerPages
{
    /// <summary>The text of the validation message shown next to a field.</summary>
    public static string? FieldError(IDocument document, string field) =>
        document.QuerySelector($"span[data-valmsg-for='{field}']")?.TextContent.Trim();

    public static async Task<IDocument> OkPageAsync(PortalClient client, string url)
    {
        var (response, document) = await client.GetPageAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
        return document;
    }

    /// <summary>The values a browser would send for a form as it stands (checked boxes only, no buttons or files).</summary>
    public static Dictionary<string, string> Values(IHtmlFormElement form)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file"):
                    if (input.Type is not ("checkbox" or "radio") || input.IsChecked)
                    {
                        values[input.Name] = input.Value;
                    }

                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values[area.Name] = area.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values[select.Name] = select.Value ?? string.Empty;
                    break;
            }
        }

        return values;
    }

    public static string Location(HttpResponseMessage response) => response.Headers.Location?.OriginalString ?? string.Empty;
}
