using System.Net;
using System.Text.Json;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Features.Interviews;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Interviews;

/// <summary>The confidential pre-interview notes: conclusions with evidence, proposed questions, audited reads, no lost saves.</summary>
[Trait(Category.Name, Category.Integration)]
public class NotesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SavingTheNotes_KeepsEveryConclusionWithItsEvidence_AndTheQuestions()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);

        var form = await AssessorJourney.CompleteNotesFormAsync(assessor, testCase.CaseId, "Strong portfolio; the project tests are thin.", "Talk me through how you tested the booking rules.");
        var response = await form.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var note = await factory.WithDbAsync(db => db.AssessorNotes.Include(n => n.Conclusions).SingleAsync(n => n.CaseId == testCase.CaseId));
        var competencies = await factory.WithDbAsync(db => db.Competencies.CountAsync(c => c.StandardVersionId == db.Cases.Single(x => x.Id == testCase.CaseId).StandardVersionId));
        Assert.Equal(3 + competencies, note.Conclusions.Count);
        Assert.All(note.Conclusions, c =>
        {
            Assert.Equal(InitialLevel.Expected, c.Level);
            Assert.True(EvidenceReference.TryParse(Assert.Single(c.EvidenceRefs), out _));
        });
        Assert.Equal("Strong portfolio; the project tests are thin.", note.Notes);
        var question = await factory.WithDbAsync(db => db.InterviewQuestions.SingleAsync(q => q.CaseId == testCase.CaseId));
        Assert.Equal(QuestionOrigin.Planned, question.Origin);
        Assert.Equal(2, question.CompetencyIds.Count);
    }

    [Fact]
    public async Task TheNotes_ProposeAQuestion_ForEveryCompetencyWithWeakOrMissingEvidence()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        var security = await UnmapAsync(testCase.CaseId, "C2");
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);

        var (_, page) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/notes");
        var proposed = page.QuerySelectorAll(".suggestion-row").Select(r => r.GetAttribute("data-competency")).ToList();
        Assert.Equal(["C2"], proposed);
        Assert.Contains("No portfolio evidence is mapped", page.QuerySelector(".suggestion-row")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure-development principles", page.QuerySelector(".suggestion-row textarea")!.TextContent, StringComparison.Ordinal);

        // A conclusion of Below (or not yet evident) is weak evidence too.
        var form = await AssessorJourney.CompleteNotesFormAsync(assessor, testCase.CaseId, "Notes", "An opening question about the project.");
        var c5 = ConclusionIndex(form, await CompetencyIdAsync(testCase.CaseId, "C5"));
        form.Set($"Conclusions[{c5}].Level", nameof(InitialLevel.NotYetEvident));
        form.Set("Suggestions[0].Accept", "true");
        form.Set("Suggestions[0].Text", "Security: how did you keep the booking data safe?");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(assessor)).StatusCode);

        var questions = await factory.WithDbAsync(db => db.InterviewQuestions.Where(q => q.CaseId == testCase.CaseId).ToListAsync());
        var accepted = Assert.Single(questions, q => q.Origin == QuestionOrigin.Suggested);
        Assert.Equal("Security: how did you keep the booking data safe?", accepted.Text);
        Assert.Equal([security], accepted.CompetencyIds);

        var (_, after) = await assessor.GetPageAsync($"/assessor/cases/{testCase.CaseId}/notes");
        Assert.Equal(["C5"], after.QuerySelectorAll(".suggestion-row").Select(r => r.GetAttribute("data-competency")).ToList());
        Assert.Contains("Not yet evident", after.QuerySelector(".suggestion-row")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadingTheNotes_IsAudited_ForTheAssessorAndTheQualityAssurer()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.InterviewScheduled);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        using var qa = await factory.SignInAsync(Demo.QualityAssurer);

        Assert.Equal(HttpStatusCode.OK, (await assessor.GetAsync($"/assessor/cases/{testCase.CaseId}/notes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await qa.GetAsync($"/assessor/cases/{testCase.CaseId}/notes")).StatusCode);

        var readers = await factory.WithDbAsync(db => db.AuditEntries
            .Where(a => a.CaseId == testCase.CaseId && a.Action == NotesService.NotesRead)
            .Join(db.Users, a => a.ActorId, u => u.Id, (a, u) => u.Email)
            .ToListAsync());
        Assert.Contains(Demo.Assessor, readers);
        Assert.Contains(Demo.QualityAssurer, readers);
    }

    [Fact]
    public async Task ASaveFromAStaleForm_IsRefused_ShowingTheNewerNotesAndKeepingWhatWasTyped()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);
        var first = await AssessorJourney.CompleteNotesFormAsync(assessor, testCase.CaseId, "Saved first", "First question?");
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(assessor)).StatusCode);

        var tabA = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/notes", "#notes-form");
        var tabB = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/notes", "#notes-form");
        tabA.Set("Notes", "Written in tab A");
        Assert.Equal(HttpStatusCode.Redirect, (await tabA.PostAsync(assessor)).StatusCode);

        tabB.Set("Notes", "Written in tab B, never lost");
        var refused = await tabB.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Contains(NotesController.ConflictMessage, page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Written in tab A", page.QuerySelector(".conflict-theirs")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Written in tab B, never lost", page.QuerySelector("textarea#Notes")!.TextContent);
        Assert.Equal("Written in tab A", await NotesTextAsync(testCase.CaseId));

        // Saving again from the refused page is a deliberate choice over the newer version.
        var again = FormData.From(page, $"/assessor/cases/{testCase.CaseId}/notes", "#notes-form");
        Assert.Equal(HttpStatusCode.Redirect, (await again.PostAsync(assessor)).StatusCode);
        Assert.Equal("Written in tab B, never lost", await NotesTextAsync(testCase.CaseId));
    }

    [Fact]
    public async Task TheBackgroundSave_SavesTheNotesAndRefusesAStaleVersion()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);
        var form = await FormData.LoadAsync(assessor, $"/assessor/cases/{testCase.CaseId}/notes", "#notes-form");
        var autosave = new FormDataPost(form, $"/assessor/cases/{testCase.CaseId}/notes/autosave");

        form.Set("Notes", "Typed, not yet saved by hand").Set("NewQuestions[0].Text", "Not added by the background save");
        var saved = await autosave.JsonAsync(assessor);
        Assert.Equal("saved", saved.GetProperty("status").GetString());
        Assert.Equal("Typed, not yet saved by hand", await NotesTextAsync(testCase.CaseId));
        Assert.False(await factory.WithDbAsync(db => db.InterviewQuestions.AnyAsync(q => q.CaseId == testCase.CaseId)));

        // The same (now stale) version again: refused, nothing overwritten.
        form.Set("Notes", "A stale save");
        var stale = await autosave.JsonAsync(assessor);
        Assert.Equal("conflict", stale.GetProperty("status").GetString());
        Assert.Equal("Typed, not yet saved by hand", await NotesTextAsync(testCase.CaseId));

        form.Set("Version", saved.GetProperty("version").GetString()!);
        Assert.Equal("saved", (await autosave.JsonAsync(assessor)).GetProperty("status").GetString());
        Assert.Equal("A stale save", await NotesTextAsync(testCase.CaseId));
    }

    [Fact]
    public async Task EvidenceOfAnotherCase_CannotBeCited()
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        var other = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted);
        var foreignItem = await factory.WithDbAsync(db => db.EvidenceItems.Where(e => e.CaseId == other.CaseId).Select(e => e.Id).FirstAsync());
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);

        var form = await AssessorJourney.CompleteNotesFormAsync(assessor, testCase.CaseId, "Notes", "Question?");
        form.Set("Conclusions[0].EvidenceRefs", $"PortfolioItem:{foreignItem}");
        var response = await form.PostAsync(assessor);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not part of this case", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.AssessorNotes.AnyAsync(n => n.CaseId == testCase.CaseId)));
    }

    private Task<string?> NotesTextAsync(int caseId) =>
        factory.WithDbAsync(db => db.AssessorNotes.Where(n => n.CaseId == caseId).Select(n => n.Notes).SingleAsync());

    private Task<int> CompetencyIdAsync(int caseId, string code) =>
        factory.WithDbAsync(db => db.Competencies.Where(c => c.Code == code && c.StandardVersionId == db.Cases.Single(x => x.Id == caseId).StandardVersionId).Select(c => c.Id).SingleAsync());

    private static int ConclusionIndex(FormData form, int competencyId)
    {
        for (var i = 0; ; i++)
        {
            if (form.Get($"Conclusions[{i}].CompetencyId") == competencyId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return i;
            }
        }
    }

    /// <summary>Removes a competency from every portfolio item's mapping (so it has no portfolio evidence).</summary>
    private async Task<int> UnmapAsync(int caseId, string code)
    {
        var competencyId = await CompetencyIdAsync(caseId, code);
        await factory.WithDbAsync(async db =>
        {
            foreach (var item in await db.EvidenceItems.Include(e => e.Mappings).Where(e => e.CaseId == caseId).ToListAsync())
            {
                item.MapTo(item.Mappings.Select(m => m.CompetencyId).Where(id => id != competencyId).ToList());
            }

            await db.SaveChangesAsync();
        });
        return competencyId;
    }

    /// <summary>Posts a form's values to another address (the background save) and reads the JSON answer.</summary>
    private sealed class FormDataPost(FormData form, string url)
    {
        public async Task<JsonElement> JsonAsync(PortalClient client)
        {
            var values = form.Names.SelectMany(n => form.GetAll(n).Select(v => new KeyValuePair<string, string>(n, v))).ToList();
            using var content = new FormUrlEncodedContent(values);
            var response = await client.Http.PostAsync(new Uri(url, UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }
    }
}
