using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Migrations.SqlServer;
using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Assessor;

/// <summary>
/// The evidence a judgement can cite, read in one command: every option of the four methods with the
/// competencies mapped to it, checked against the rows read independently.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class EvidenceCatalogueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task TheCatalogue_HasEveryOptionOfTheFourMethods_WithItsCompetencies()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        var caseId = testCase.CaseId;
        var (attempt, versionId) = await factory.WithDbAsync(async db =>
        {
            var row = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Attempt, c.StandardVersionId }).SingleAsync();
            return (row.Attempt, row.StandardVersionId);
        });

        // What the catalogue must list, read without it.
        var items = await factory.WithDbAsync(db => db.EvidenceItems.AsNoTracking().Include(e => e.Mappings)
            .Where(e => e.CaseId == caseId && e.RemovedAt == null).ToListAsync());
        var answers = await factory.WithDbAsync(db => db.InterviewQuestions.AsNoTracking()
            .Where(q => q.CaseId == caseId && q.Attempt == attempt && q.Asked == true && q.AnswerSummary != null && q.AnswerSummary != "").ToListAsync());
        var files = await factory.WithDbAsync(db => db.StoredFiles.AsNoTracking()
            .Where(f => f.CaseId == caseId && f.Purpose == FilePurpose.ProjectDeliverable).Select(f => f.Id).ToListAsync());
        var sections = await factory.WithDbAsync(db => db.EmployerReferences.AsNoTracking()
            .Where(r => r.CaseId == caseId && r.Status == ReferenceStatus.Submitted).SelectMany(r => r.Sections)
            .Where(s => s.Narrative != null && s.Narrative != "").Select(s => s.AreaCode).ToListAsync());
        Assert.Contains(items, i => i.Mappings.Count >= 2);
        Assert.Contains(answers, a => a.EvidencedCompetencyIds.Count >= 1);
        Assert.NotEmpty(files);
        Assert.NotEmpty(sections);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();
        var versions = scope.ServiceProvider.GetRequiredService<StandardVersionCache>();
        var outline = StandardOutline.From(await versions.GetAsync(db, versionId, CancellationToken.None));
        var catalogue = await scope.ServiceProvider.GetRequiredService<EvidenceCatalogueService>().ForCaseAsync(caseId, attempt, outline, CancellationToken.None);

        var expected = items.OrderBy(i => i.Id).Select(i => ($"PortfolioItem:{i.Id}", string.Join(",", i.Mappings.Select(m => m.CompetencyId).Order())))
            .Concat(files.Select(f => ($"ProjectFile:{f:D}", "")))
            .Concat(outline.Areas.Where(a => sections.Contains(a.Code)).Select(a => ($"ReferenceSection:{a.Code}", string.Join(",", a.Competencies.Select(c => c.Id).Order()))))
            .Concat(answers.OrderBy(a => a.Order).Select(a => ($"InterviewAnswer:{a.Id}", string.Join(",", a.EvidencedCompetencyIds.Order()))))
            .ToList();
        var actual = catalogue.Options.Select(o => (o.Ref, string.Join(",", o.MappedCompetencyIds.Order()))).ToList();
        Assert.Equal(expected.OrderBy(e => e.Item1, StringComparer.Ordinal), actual.OrderBy(a => a.Ref, StringComparer.Ordinal));
        Assert.Equal(
            [EvidenceSource.PortfolioItem, EvidenceSource.ProjectFile, EvidenceSource.ReferenceSection, EvidenceSource.InterviewAnswer],
            catalogue.Options.Select(o => o.Source).Distinct());
        Assert.All(items, i => Assert.Contains(catalogue.Options, o => o.Label == $"Portfolio item {i.Id}: {i.Title} ({i.ProjectName})"));
    }

    [Fact]
    public async Task TheCatalogue_OfACaseWithNoEvidence_IsEmpty()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PortalDbContext>();
        var rows = await EvidenceCatalogueService.Query(db, caseId: -1, attempt: 1).ToListAsync();
        Assert.Empty(rows);
    }

    [Fact]
    public void TheCatalogueQuery_TranslatesForSqlServer_AsOneUnionOfFlatRows()
    {
        using var db = new DesignTimeFactory().CreateDbContext([]);

        var sql = EvidenceCatalogueService.Query(db, 1, 1).ToQueryString();

        Assert.Equal(3, CountOf(sql, "UNION ALL"));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
