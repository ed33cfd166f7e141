using System.Globalization;
using AngleSharp.Dom;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Grading;

/// <summary>
/// The evidence citation matrix (issue 25, item 1) on the judgement and notes pages: tick boxes with full
/// titles, the mapped evidence first, and, before anything is saved, the mapped evidence and the initial
/// conclusions' citations ticked; once saved, what was saved and nothing else.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class CitationMatrixTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task TheJudgement_NothingSavedYet_StartsWithTheMappedEvidenceAndTheInitialConclusionsCitationsTicked()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        var (competencyId, mapped, unmapped) = await MappingAsync(testCase.CaseId);
        Assert.NotEmpty(mapped);
        Assert.True(unmapped.Count >= 2, "The scenario's portfolio needs two items not mapped to the competency.");

        // The initial conclusion for the competency cites one item the apprentice did not map to it.
        var cited = unmapped[0];
        await factory.WithDbAsync(async db =>
        {
            var note = await db.AssessorNotes.Include(n => n.Conclusions).SingleAsync(n => n.CaseId == testCase.CaseId);
            var conclusion = note.Conclusions.Single(c => c.CompetencyId == competencyId);
            note.SetConclusion(conclusion.AreaCode, competencyId, conclusion.Level, [.. conclusion.EvidenceRefs, cited], conclusion.Comment);
            await db.SaveChangesAsync();
        });

        using var assessor = await factory.SignInAsync(Demo.Assessor);
        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        var matrix = page.QuerySelector($"fieldset.evidence-matrix#competency-{competencyId}-evidence")!;
        Assert.NotNull(matrix);
        var ticked = Ticked(matrix);
        Assert.All(mapped, item => Assert.Contains(item, ticked));
        Assert.Contains(cited, ticked);
        Assert.DoesNotContain(unmapped[1], ticked);

        // The evidence neither mapped nor cited waits behind "show all evidence", with its full title.
        var hidden = matrix.QuerySelector("details.evidence-more")!;
        Assert.NotNull(hidden.QuerySelector($"input[type=checkbox][value='{unmapped[1]}']"));
        Assert.Null(hidden.QuerySelector($"input[type=checkbox][value='{cited}']"));
        Assert.Contains("nothing is saved until you save", page.QuerySelector(".judgement-form")!.TextContent, StringComparison.Ordinal);

        // Every tick box has its own label (a screen reader reads the evidence's title with it).
        foreach (var box in matrix.QuerySelectorAll("input[type=checkbox]"))
        {
            var label = page.QuerySelector($"label[for='{box.Id}']");
            Assert.False(string.IsNullOrWhiteSpace(label?.TextContent), $"Tick box {box.Id} has no label.");
        }

        Assert.Equal("Evidence cited for", matrix.QuerySelector("legend")!.TextContent.Trim()[..18]);
    }

    [Fact]
    public async Task TheJudgement_OnceSaved_ShowsWhatWasSaved_NotTheSuggestions()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewCompleted);
        var (competencyId, mapped, _) = await MappingAsync(testCase.CaseId);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var form = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/judgement", "#judgement-form");
        var index = Enumerable.Range(0, 100).First(i => form.Get($"Competencies[{i}].CompetencyId") == competencyId.ToString(CultureInfo.InvariantCulture));
        Assert.NotEmpty(form.GetAll($"Competencies[{index}].EvidenceRefs"));
        form.Set($"Competencies[{index}].EvidenceRefs");
        form.Set("Submit", "false");
        var saved = await form.PostAsync(assessor);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/judgement");
        Assert.Empty(Ticked(page.QuerySelector($"fieldset.evidence-matrix#competency-{competencyId}-evidence")!));
        Assert.DoesNotContain("nothing is saved until you save", page.QuerySelector(".judgement-form")!.TextContent, StringComparison.Ordinal);
        Assert.All(mapped, item => Assert.NotNull(page.QuerySelector($"fieldset.evidence-matrix#competency-{competencyId}-evidence input[value='{item}']")));
    }

    [Fact]
    public async Task TheNotes_ACompetencyWithoutAConclusion_StartsWithItsMappedEvidenceTicked_AndAnAreaWithNothing()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.PreInterviewReview);
        var (competencyId, mapped, unmapped) = await MappingAsync(testCase.CaseId);
        using var assessor = await factory.SignInAsync(Demo.Assessor);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/notes");
        var row = page.QuerySelector($".conclusion-row[data-conclusion='{competencyId}']")!;
        var ticked = Ticked(row);
        Assert.Equal(mapped.Order(StringComparer.Ordinal), ticked.Where(t => t.StartsWith("PortfolioItem:", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(unmapped[0], ticked);
        Assert.All(page.QuerySelectorAll(".conclusion-row").Where(r => !int.TryParse(r.GetAttribute("data-conclusion"), out _)), area => Assert.Empty(Ticked(area)));

        // Not saved until a level is chosen: a save without levels keeps no conclusion.
        Assert.False(await factory.WithDbAsync(db => db.AssessorNotes.Where(n => n.CaseId == testCase.CaseId).SelectMany(n => n.Conclusions).AnyAsync()));
    }

    private static List<string> Ticked(IElement scope) =>
        scope.QuerySelectorAll("input[type=checkbox]").Where(b => b.HasAttribute("checked")).Select(b => b.GetAttribute("value")!).ToList();

    /// <summary>A competency with mapped portfolio items: its id, the items mapped to it and the case's other items, as citations.</summary>
    private async Task<(int CompetencyId, List<string> Mapped, List<string> Unmapped)> MappingAsync(int caseId) =>
        await factory.WithDbAsync(async db =>
        {
            var items = await db.EvidenceItems.Include(e => e.Mappings).Where(e => e.CaseId == caseId && e.RemovedAt == null).ToListAsync();
            var competencyId = items.SelectMany(e => e.Mappings).GroupBy(m => m.CompetencyId).OrderBy(g => g.Count()).ThenBy(g => g.Key).First().Key;
            string Ref(int id) => new EvidenceReference(EvidenceSource.PortfolioItem, id.ToString(CultureInfo.InvariantCulture)).ToString();
            var mapped = items.Where(e => e.Mappings.Any(m => m.CompetencyId == competencyId)).Select(e => Ref(e.Id)).ToList();
            var unmapped = items.Where(e => e.Mappings.All(m => m.CompetencyId != competencyId)).OrderBy(e => e.Id).Select(e => Ref(e.Id)).ToList();
            return (competencyId, mapped, unmapped);
        });
}
