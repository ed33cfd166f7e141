using System.Globalization;
using System.Net;
using System.Text;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Identifiers;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Results;
using EpaPortal.Web.Tests.Infrastructure;
using EpaPortal.Web.Tests.Quality;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Results;

/// <summary>
/// The CSV for the national service holds exactly the released results (one row per released attempt,
/// a Fail as an EPA outcome without grade or certificate), each with a valid ULN and the right grade.
/// The class has a portal of its own so that it knows every released result in it.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public sealed class ResultsExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly CaseJourney _journey = new(factory);

    [Fact]
    public async Task Export_HoldsExactlyTheReleasedResults_WithValidUlnsAndTheirGrades()
    {
        // Released: a Distinction (name that a spreadsheet would run as a formula), a Fail then its re-sit Pass,
        // and a Merit whose employer receives the certificate.
        var distinction = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(AreaLevel.Above, AreaLevel.Above, AreaLevel.Above), familyName: "=HYPERLINK(\"http://x.test\",\"Click\")");
        await _journey.ApproveAndReleaseAsync(distinction.CaseId);
        var resat = await _journey.GradedAsync(Demo.Assessor, GradingPlan.Fail());
        await _journey.ApproveAndReleaseAsync(resat.CaseId);
        await _journey.MoveAsync(resat.CaseId, CaseState.FailRecorded, Demo.Admin);
        await _journey.MoveAsync(resat.CaseId, CaseState.ResitPlanned, Demo.Admin, adjust: f => f with { EmployerAgreedToNextAttempt = true });
        await _journey.GradeAttemptAsync(resat, new GradingPlan());
        await _journey.ApproveAndReleaseAsync(resat.CaseId);
        var merit = await _journey.GradedAsync(Demo.Assessor, new GradingPlan(What: AreaLevel.Above, WithWhom: AreaLevel.Above), DemoDataSeeder.Northwind);
        await factory.WithDbAsync(async db =>
        {
            var apprentice = await db.Cases.Where(c => c.Id == merit.CaseId).Select(c => c.Apprentice!).SingleAsync();
            apprentice.CertificateRecipient = Domain.Organisations.CertificateRecipient.Employer;
            var organisation = await db.Organisations.SingleAsync(o => o.Name == DemoDataSeeder.Northwind);
            organisation.PostalAddress = "Northwind House\n2 Quay Street, Bristol BS1 4DJ";
            await db.SaveChangesAsync();
        });
        await _journey.ApproveAndReleaseAsync(merit.CaseId);

        // Not released: graded, quality assured but not released, and a result under appeal that was upheld.
        var graded = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        var approved = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        await _journey.MoveAsync(approved.CaseId, CaseState.IqaApproved, Demo.QualityAssurer);
        var upheld = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        await _journey.ApproveAndReleaseAsync(upheld.CaseId);
        await _journey.MoveAsync(upheld.CaseId, CaseState.AppealLodged, upheld.ApprenticeEmail, "The interview was cut short.");
        await factory.WithDbAsync(async db =>
        {
            var apprenticeUser = await db.Apprentices.Where(a => a.Email == upheld.ApprenticeEmail).Select(a => a.UserId!).SingleAsync();
            db.Appeals.Add(new Appeal(upheld.CaseId, 1, apprenticeUser, "The interview was cut short.", factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        await _journey.MoveAsync(upheld.CaseId, CaseState.AppealUpheld, Demo.Admin, "The interview lasted 20 minutes of 60.");

        using var admin = await factory.SignInAsync(Demo.Admin);
        var exportsBefore = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "ResultsExported"));
        var response = await admin.GetAsync("/admin/results/export.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var rows = ParseCsv(await response.Content.ReadAsStringAsync());
        Assert.Equal(ResultsExport.Header, rows[0]);
        var data = rows.Skip(1).Select(r => rows[0].Zip(r).ToDictionary(x => x.First, x => x.Second)).ToList();

        Assert.Equal(4, data.Count);
        Assert.All(data, r => Assert.True(Uln.IsValid(r["ULN"]), $"Invalid ULN {r["ULN"]}"));
        var byCaseAttempt = data.ToDictionary(r => (r["ULN"], r["Attempt"]));
        Assert.Equal(
            new[] { (distinction.Uln, "1"), (resat.Uln, "1"), (resat.Uln, "2"), (merit.Uln, "1") }.Order(),
            byCaseAttempt.Keys.Order());

        var top = byCaseAttempt[(distinction.Uln, "1")];
        Assert.Equal(("Pass", "Distinction", "First", "Apprentice"), (top["EpaOutcome"], top["OverallGrade"], top["AttemptType"], top["CertificateRecipient"]));
        Assert.Equal("'=HYPERLINK(\"http://x.test\",\"Click\")", top["FamilyName"]);
        Assert.Equal("ST0128", top["StandardReference"]);
        Assert.Equal("1.0", top["StandardVersion"]);
        var qaDate = await factory.WithDbAsync(db => db.GradeDecisions.Where(d => d.CaseId == distinction.CaseId).Select(d => d.QaDecisionDate).SingleAsync());
        Assert.Equal(qaDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), top["AchievementDate"]);
        Assert.Equal("3 Scenario Street, York YO1 1AA", top["PostalAddress"]);

        var fail = byCaseAttempt[(resat.Uln, "1")];
        Assert.Equal(("Fail", string.Empty, string.Empty, string.Empty, string.Empty), (fail["EpaOutcome"], fail["OverallGrade"], fail["AchievementDate"], fail["CertificateRecipient"], fail["PostalAddress"]));
        var resit = byCaseAttempt[(resat.Uln, "2")];
        Assert.Equal(("Pass", "Pass", "Resit"), (resit["EpaOutcome"], resit["OverallGrade"], resit["AttemptType"]));
        Assert.True(string.CompareOrdinal(resit["EpaDate"], fail["EpaDate"]) > 0);

        var employerCopy = byCaseAttempt[(merit.Uln, "1")];
        Assert.Equal(("Merit", "Employer", "Northwind House, 2 Quay Street, Bristol BS1 4DJ"), (employerCopy["OverallGrade"], employerCopy["CertificateRecipient"], employerCopy["PostalAddress"]));

        Assert.DoesNotContain(data, r => r["ULN"] == graded.Uln || r["ULN"] == approved.Uln || r["ULN"] == upheld.Uln);
        Assert.Equal(exportsBefore + 1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "ResultsExported")));
    }

    [Fact]
    public async Task AReleasedResultWithAnInvalidUln_IsLeftOutAndReportedToTheAdmin()
    {
        var journey = await _journey.GradedAsync(Demo.Assessor, new GradingPlan());
        await _journey.ApproveAndReleaseAsync(journey.CaseId);
        // Registered while checksum enforcement was switched off (a setting): the national service would refuse it.
        await factory.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Apprentices SET Uln = {"1234567890"} WHERE Email = {journey.ApprenticeEmail}"));
        using var admin = await factory.SignInAsync(Demo.Admin);

        var csv = await (await admin.GetAsync("/admin/results/export.csv")).Content.ReadAsStringAsync();
        var (_, page) = await admin.GetPageAsync("/admin/results/export-check");

        Assert.DoesNotContain("1234567890", csv, StringComparison.Ordinal);
        Assert.Contains("1234567890", page.QuerySelector("#export-problems")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>An RFC 4180 reader: quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF rows.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                Assert.NotEqual('\n', c);
                cell.Append(c);
            }
        }

        Assert.Empty(row);
        Assert.Equal(0, cell.Length);
        return rows;
    }
}

/// <summary>The CSV cells themselves: quoting and formula neutralisation.</summary>
[Trait(Category.Name, Category.Unit)]
[Trait(Category.Name, Category.Security)]
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("Smith", "Smith")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 113", "'+44 113")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("Leeds, LS1", "\"Leeds, LS1\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=A1,B1", "\"'=A1,B1\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cell_IsQuotedAndNeverAFormula(string? value, string expected) => Assert.Equal(expected, Csv.Cell(value));
}
