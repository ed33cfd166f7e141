using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>The apprentice CSV import: checked row by row, all or nothing (issue 7, item 1).</summary>
[Trait(Category.Name, Category.Integration)]
public class ApprenticeImportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Header = "ULN,GivenNames,FamilyName,Email,Organisation,StartDate,DateOfBirth,PostalAddress";

    [Fact]
    public async Task Import_WithBadRows_ImportsNoneAndReportsEachRejectedRow()
    {
        var good1 = await AdminTestData.NewUlnAsync(factory);
        var good2 = await AdminTestData.NewUlnAsync(factory);
        var csv = string.Join("\n",
            Header,
            $"{good1},Dana,Scully,dana@example.com,Acme Software Ltd,01/09/2025,23/02/2004,\"1 High Street, Leeds\"",
            "1234567890,Fox,Mulder,fox@example.com,Acme Software Ltd,01/09/2025,,",
            $"{good2},Walter,Skinner,walter@example.com,Nobody Ltd,01/09/2025,,",
            $"{good2},John,Doggett,john@example.com,Acme Software Ltd,31/02/2025,,",
            "1234567899,Amira,Khan,amira@example.com,Acme Software Ltd,01/09/2025,,",
            $"{good1},Monica,Reyes,not-an-email,Acme Software Ltd,01/09/2099,,");
        var before = await factory.WithDbAsync(db => db.Apprentices.CountAsync());
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await PostCsvAsync(admin, csv);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var document = await PortalClient.ParseAsync(response);
        Assert.Contains("Nothing was imported: 5 of 6 rows have problems.", document.QuerySelector("#import-rejected-summary")!.TextContent, StringComparison.Ordinal);
        string Reasons(int line) => document.QuerySelector($"#import-rejected tr[data-line='{line}']")?.TextContent ?? $"(line {line} not reported)";
        Assert.Null(document.QuerySelector("#import-rejected tr[data-line='2']"));
        Assert.Contains("its last digit does not match", Reasons(3), StringComparison.Ordinal);
        Assert.Contains("No organisation 'Nobody Ltd' is in the portal", Reasons(4), StringComparison.Ordinal);
        Assert.Contains($"The ULN {good2} is also on line 4.", Reasons(5), StringComparison.Ordinal);
        Assert.Contains("The start date '31/02/2025' is not a date in the form dd/MM/yyyy.", Reasons(5), StringComparison.Ordinal);
        Assert.Contains("An apprentice with the ULN 1234567899 is already in the portal.", Reasons(6), StringComparison.Ordinal);
        Assert.Contains($"The ULN {good1} is also on line 2.", Reasons(7), StringComparison.Ordinal);
        Assert.Contains("'not-an-email' is not a valid e-mail address.", Reasons(7), StringComparison.Ordinal);
        Assert.Contains("The start date is in the future.", Reasons(7), StringComparison.Ordinal);

        Assert.Equal(before, await factory.WithDbAsync(db => db.Apprentices.CountAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Apprentices.AnyAsync(a => a.Uln == good1 || a.Uln == good2)));
    }

    [Fact]
    public async Task Import_AllRowsGood_ImportsThemAndRegistersTheirCases()
    {
        var uln1 = await AdminTestData.NewUlnAsync(factory);
        var uln2 = await AdminTestData.NewUlnAsync(factory);
        var northwind = await AdminTestData.OrganisationIdAsync(factory, Data.Seed.DemoDataSeeder.Northwind);
        var csv = "\uFEFFuln, Given Names,family_name,EMAIL,organisation,start date\r\n"
            + $"{uln1},Dana,Scully,dana.s@example.com,acme software ltd,01/09/2025\r\n"
            + $"{uln2},\"O'Neil, Jack\",Smith,jack@example.com,{northwind},1/9/2025\r\n";
        var version = await factory.WithDbAsync(db => db.StandardVersions.Select(v => v.Id).FirstAsync());
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await PostCsvAsync(admin, csv, version);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var imported = await factory.WithDbAsync(db => db.Apprentices.Where(a => a.Uln == uln1 || a.Uln == uln2).OrderBy(a => a.Uln).ToListAsync());
        Assert.Equal(2, imported.Count);
        Assert.Contains(imported, a => a.GivenNames == "O'Neil, Jack" && a.OrganisationId == northwind && a.StartDate == new DateOnly(2025, 9, 1));
        var ids = imported.Select(a => a.Id).ToList();
        var caseIds = await factory.WithDbAsync(db => db.Cases.Where(c => ids.Contains(c.ApprenticeId)).Select(c => c.Id).ToListAsync());
        Assert.Equal(2, caseIds.Count);
        Assert.Equal(2, await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == NotificationKind.ReferenceRequested && m.CaseId != null && caseIds.Contains(m.CaseId.Value)).Select(m => m.CaseId).Distinct().CountAsync()));
        Assert.Equal(2, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CaseId != null && caseIds.Contains(a.CaseId.Value) && a.Action == "CaseRegistered")));
    }

    [Fact]
    public async Task Import_WithoutRequiredColumns_SaysWhichAreMissing()
    {
        using var admin = await factory.SignInAsync(Demo.Admin);

        var response = await PostCsvAsync(admin, "ULN,Name\n1000000000,Someone\n");

        var body = await AdminTestData.BodyAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("missing: GivenNames, FamilyName, Email, Organisation, StartDate.", body, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostCsvAsync(PortalClient client, string csv, int? versionId = null)
    {
        var token = await client.GetAntiforgeryTokenAsync("/admin/apprentices/import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        if (versionId is { } id)
        {
            content.Add(new StringContent(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "registerCaseVersionId");
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "apprentices.csv");
        return await client.Http.PostAsync(new Uri("/admin/apprentices/import", UriKind.Relative), content);
    }
}
