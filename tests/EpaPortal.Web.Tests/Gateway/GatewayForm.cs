using System.Net.Http.Headers;
using EpaPortal.Web.Tests.Employer;
using EpaPortal.Web.Tests.Infrastructure;

namespace EpaPortal.Web.Tests.Gateway;

/// <summary>One file of the gateway form: the slot names the item ("module-0", "english", "maths").</summary>
public sealed record SlotFile(string Slot, string Name, byte[] Content);

/// <summary>Posts the gateway form as the browser does: multipart, the antiforgery token first, each file after its slot.</summary>
public static class GatewayForm
{
    public static string Url(int caseId) => $"/employer/cases/{caseId}/gateway";

    /// <summary>Everything a complete gateway needs besides the files.</summary>
    public static Dictionary<string, string> Complete(int moduleCount = 2)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.MathsExemptionReason"] = "GCSE mathematics grade 6 (2019); the certificate was lost and the exam board confirmed the grade.",
            ["Input.MinimumTimeOnProgrammeConfirmed"] = "true",
            ["Input.PortfolioAndReferenceCompleteConfirmed"] = "true",
            ["Input.ReadinessDeclared"] = "true",
            ["Input.ApprenticeConsentsToCertificateRequest"] = "true",
            ["Input.SignatoryName"] = "Erin Employer",
            ["Input.SignatoryJobTitle"] = "Engineering Manager",
        };
        for (var i = 0; i < moduleCount; i++)
        {
            fields[$"Input.Modules[{i}].AwardingBody"] = "BCS, The Chartered Institute for IT";
            fields[$"Input.Modules[{i}].PassedOn"] = "2026-05-01";
        }

        return fields;
    }

    public static SlotFile[] Certificates(int moduleCount = 2) =>
        Enumerable.Range(0, moduleCount).Select(i => new SlotFile($"module-{i}", $"module-{i}-certificate.pdf", Portfolio.Files.Pdf())).ToArray();

    public static Task<HttpResponseMessage> PostAsync(PortalClient client, int caseId, IDictionary<string, string> fields, IEnumerable<SlotFile> files, string? tokenPage = null) =>
        PostToAsync(client, Url(caseId), tokenPage ?? Url(caseId), fields, files);

    /// <summary>The same multipart post to another gateway upload form (the training provider's evidence upload).</summary>
    public static async Task<HttpResponseMessage> PostToAsync(PortalClient client, string url, string tokenPage, IDictionary<string, string> fields, IEnumerable<SlotFile> files)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await client.GetAntiforgeryTokenAsync(tokenPage)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields)
        {
            if (name is not ("__RequestVerificationToken" or "slot"))
            {
                content.Add(new StringContent(value), name);
            }
        }

        foreach (var file in files)
        {
            content.Add(new StringContent(file.Slot), "slot");
            var part = new ByteArrayContent(file.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"" + file.Name + "\"" };
            content.Add(part);
        }

        return await client.Http.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>The form's current values as the page shows them (after a refusal, what the employer typed and the files kept).</summary>
    public static async Task<Dictionary<string, string>> ValuesAsync(HttpResponseMessage response)
    {
        var document = await PortalClient.ParseAsync(response);
        var form = document.QuerySelector("form[enctype='multipart/form-data']") as AngleSharp.Html.Dom.IHtmlFormElement
            ?? throw new InvalidOperationException("The gateway form is not on the page.");
        return EmployerPages.Values(form);
    }
}
