using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.AuditTrail;
using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Interviews;

/// <summary>
/// The assessor's confidential pre-interview notes for the current attempt: an initial conclusion for each
/// grading area and competency with the evidence behind it, free-text notes, and the questions to explore
/// at interview (with the portal's proposals for weakly evidenced competencies). Only staff ever reach it;
/// every read is audited ("NotesRead"), every save too ("NotesSaved"). Every save renews the notes'
/// version, so a save from a stale form (another tab, another person) is refused rather than overwriting.
/// </summary>
public sealed class NotesService(PortalDbContext db, StandardVersionCache versions, EvidenceCatalogueService catalogues, AuditLog audit, ReadAuditWriter reads, TimeProvider clock, CurrentUser user)
{
    public const string NotesRead = "NotesRead";
    public const string NotesSaved = "NotesSaved";

    public async Task<NotesViewModel> GetAsync(CaseAccessInfo header, NotesInput? posted, bool conflict, CancellationToken cancellationToken)
    {
        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var evidence = await catalogues.ForCaseAsync(header.CaseId, header.Attempt, outline, cancellationToken);
        var saved = await LoadSavedAsync(header, cancellationToken);
        var (editable, reason) = Editable(header);

        var input = posted is null ? FromSaved(saved, outline) : Normalise(posted, outline);
        if (posted is null)
        {
            // A competency without a conclusion yet starts with the evidence mapped to it ticked; it is saved
            // only with a level.
            foreach (var row in input.Conclusions.Where(c => c is { CompetencyId: not null, Level: null, EvidenceRefs.Count: 0 }))
            {
                row.EvidenceRefs = evidence.Suggested(row.CompetencyId!.Value, []);
            }
        }

        ConflictInfo? conflictInfo = null;
        if (conflict && posted is not null)
        {
            conflictInfo = new ConflictInfo(saved.Note?.UpdatedAt, Differences(FromSaved(saved, outline), input, outline, evidence));

            // The user's text stays on the form; the next save is made knowingly over the newer version.
            input.Version = saved.Note?.Version;
        }

        var levels = input.Conclusions
            .Where(c => c.CompetencyId is not null && c.Level is not null)
            .ToDictionary(c => c.CompetencyId!.Value, c => c.Level!.Value);
        var probed = saved.Questions.SelectMany(q => q.CompetencyIds)
            .Concat(input.Questions.Where(q => !q.Delete).SelectMany(q => q.CompetencyIds))
            .Concat(input.NewQuestions.Where(q => !string.IsNullOrWhiteSpace(q.Text)).SelectMany(q => q.CompetencyIds))
            .ToHashSet();
        var proposals = QuestionSuggestions.Propose(outline, evidence, levels, probed);
        var suggestions = proposals.Select((p, i) => new SuggestionRow(
                i,
                p.Competency,
                p.Why,
                input.Suggestions.FirstOrDefault(s => s.CompetencyId == p.Competency.Id) is { } typed && posted is not null
                    ? typed
                    : new SuggestionInput { CompetencyId = p.Competency.Id, Text = p.Text }))
            .ToList();
        input.Suggestions = suggestions.Select(s => s.Input).ToList();
        while (input.NewQuestions.Count < 2)
        {
            input.NewQuestions.Add(new QuestionInput());
        }

        if (posted is null)
        {
            await AuditReadAsync(header.CaseId, "pre-interview notes", cancellationToken);
        }

        var origins = saved.Questions.ToDictionary(q => q.Id, q => q.Origin);
        return new NotesViewModel(header, outline, evidence, editable, reason, saved.Note?.UpdatedAt, input, suggestions, origins, conflictInfo);
    }

    /// <summary>Saves the form. The background save (<paramref name="includeQuestions"/> false) leaves the
    /// questions alone, so rows it has not yet shown as saved are never added twice.</summary>
    public async Task<SaveResult> SaveAsync(CaseAccessInfo header, NotesInput input, bool includeQuestions, CancellationToken cancellationToken)
    {
        var (editable, reason) = Editable(header);
        if (!editable)
        {
            return SaveResult.Refused(reason!);
        }

        var outline = StandardOutline.From(await versions.GetAsync(db, header.StandardVersionId, cancellationToken));
        var evidence = await catalogues.ForCaseAsync(header.CaseId, header.Attempt, outline, cancellationToken);
        var problems = new List<string>();
        foreach (var conclusion in input.Conclusions)
        {
            var unknown = evidence.Unknown(conclusion.EvidenceRefs);
            if (unknown.Count > 0)
            {
                problems.Add($"{What(conclusion, outline)}: the evidence {string.Join(", ", unknown)} is not part of this case (it may have been removed). Remove it from the list.");
            }
        }

        var competencyIds = outline.Competencies.Select(c => c.Id).ToHashSet();
        if (input.Questions.Concat(input.NewQuestions).Any(q => q.CompetencyIds.Any(id => !competencyIds.Contains(id))))
        {
            problems.Add("A question names a competency that is not in this standard.");
        }

        if (problems.Count > 0)
        {
            return SaveResult.Refused(problems);
        }

        var now = clock.GetUtcNow();
        var note = await db.AssessorNotes.Include(n => n.Conclusions)
            .SingleOrDefaultAsync(n => n.CaseId == header.CaseId && n.Attempt == header.Attempt, cancellationToken);
        if (note is null)
        {
            if (input.Version is not null)
            {
                return SaveResult.Conflict;
            }

            note = new AssessorNote(header.CaseId, header.Attempt, user.Id, now);
            db.AssessorNotes.Add(note);
        }
        else
        {
            if (input.Version is not { } version)
            {
                // The form was opened before anyone had saved notes; someone has since.
                return SaveResult.Conflict;
            }

            db.Entry(note).Property(n => n.Version).OriginalValue = version;
        }

        foreach (var area in outline.Areas)
        {
            if (input.Conclusions.FirstOrDefault(c => c.CompetencyId is null && c.AreaCode == area.Code) is { Level: { } level } conclusion)
            {
                note.SetConclusion(area.Code, null, level, conclusion.EvidenceRefs, Clean(conclusion.Comment));
            }
        }

        foreach (var competency in outline.Competencies)
        {
            if (input.Conclusions.FirstOrDefault(c => c.CompetencyId == competency.Id) is { Level: { } level } conclusion)
            {
                note.SetConclusion(competency.AreaCode, competency.Id, level, conclusion.EvidenceRefs, Clean(conclusion.Comment));
            }
        }

        note.Notes = Clean(input.Notes);

        // Touching the notes renews their version (and checks the old one) even when only the questions changed.
        note.UpdatedAt = now;
        if (db.Entry(note).State != EntityState.Added)
        {
            db.Entry(note).Property(n => n.UpdatedAt).IsModified = true;
        }

        var questions = includeQuestions
            ? await db.InterviewQuestions.Where(q => q.CaseId == header.CaseId && q.Attempt == header.Attempt).ToListAsync(cancellationToken)
            : [];
        var order = questions.Count == 0 ? 0 : questions.Max(q => q.Order);
        var (added, changed, removed) = (0, 0, 0);
        foreach (var posted in input.Questions.Where(q => q.Id is not null))
        {
            if (questions.FirstOrDefault(q => q.Id == posted.Id) is not { } question)
            {
                continue;
            }

            if (posted.Delete)
            {
                db.InterviewQuestions.Remove(question);
                removed++;
            }
            else if (question.Text != posted.Text!.Trim() || !question.CompetencyIds.Order().SequenceEqual(posted.CompetencyIds.Distinct().Order()))
            {
                question.Text = posted.Text!.Trim();
                question.CompetencyIds = posted.CompetencyIds.Distinct().ToList();
                changed++;
            }
        }

        foreach (var suggestion in input.Suggestions.Where(s => includeQuestions && s.Accept && !string.IsNullOrWhiteSpace(s.Text) && competencyIds.Contains(s.CompetencyId)))
        {
            db.InterviewQuestions.Add(new InterviewQuestion(header.CaseId, header.Attempt, suggestion.Text!.Trim(), QuestionOrigin.Suggested, ++order, [suggestion.CompetencyId]));
            added++;
        }

        foreach (var fresh in input.NewQuestions.Where(q => includeQuestions && !string.IsNullOrWhiteSpace(q.Text)))
        {
            db.InterviewQuestions.Add(new InterviewQuestion(header.CaseId, header.Attempt, fresh.Text!.Trim(), QuestionOrigin.Planned, ++order, fresh.CompetencyIds));
            added++;
        }

        audit.Add(NotesSaved, header.CaseId,
            $"Attempt {header.Attempt}: {note.Conclusions.Count} conclusions; questions {added} added, {changed} changed, {removed} removed{(includeQuestions ? "" : " (background save)")}");
        return await SaveChangesAsync(note, now, cancellationToken);
    }

    /// <summary>Writes the audit entry of a confidential read (notes, interview record, judgement): the one write a
    /// page makes, committed with the other readers' of the moment (ADR 27) before the page is shown.</summary>
    public Task AuditReadAsync(int caseId, string what, CancellationToken cancellationToken) =>
        reads.AppendAsync(audit.Entry(NotesRead, caseId, $"Read the {what}"), cancellationToken);

    private async Task<SaveResult> SaveChangesAsync(AssessorNote note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Saved(note.Version, now);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Conflict;
        }
        catch (DbUpdateException)
        {
            // Two first saves at once: the unique (case, attempt) index lets only one create the notes.
            db.ChangeTracker.Clear();
            return SaveResult.Conflict;
        }
    }

    private (bool Editable, string? Reason) Editable(CaseAccessInfo header) =>
        !header.Allows(CaseOperation.Assess) ? (false, "Only the allocated assessor can change the notes.")
        : AssessmentRules.WhyNotesCannotChange(header.State, header.IsOnHold, header.InterviewStartsAt, clock.GetUtcNow(), clock.LocalTimeZone) is { } reason ? (false, reason)
        : (true, null);

    private sealed record SavedNotes(AssessorNote? Note, IReadOnlyList<InitialConclusion> Conclusions, IReadOnlyList<InterviewQuestion> Questions);

    /// <summary>The current attempt's notes (with their conclusions) and questions, in one command.</summary>
    private async Task<SavedNotes> LoadSavedAsync(CaseAccessInfo header, CancellationToken cancellationToken)
    {
        var (caseId, attempt) = (header.CaseId, header.Attempt);
        var row = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new
            {
                Note = db.AssessorNotes.FirstOrDefault(n => n.CaseId == c.Id && n.CaseId == caseId && n.Attempt == attempt),
                Conclusions = db.AssessorNotes.Where(n => n.CaseId == c.Id && n.CaseId == caseId && n.Attempt == attempt).SelectMany(n => n.Conclusions).ToList(),
                Questions = db.InterviewQuestions.Where(q => q.CaseId == c.Id && q.CaseId == caseId && q.Attempt == attempt).ToList(),
            })
            .AsSingleQuery()
            .SingleAsync(cancellationToken);
        return new SavedNotes(row.Note, row.Conclusions, row.Questions.OrderBy(q => q.Order).ToList());
    }

    private static NotesInput FromSaved(SavedNotes saved, StandardOutline outline)
    {
        var input = new NotesInput { Version = saved.Note?.Version, Notes = saved.Note?.Notes };
        foreach (var area in outline.Areas)
        {
            var existing = saved.Conclusions.FirstOrDefault(c => c.CompetencyId is null && c.AreaCode == area.Code);
            input.Conclusions.Add(new ConclusionInput { AreaCode = area.Code, Level = existing?.Level, EvidenceRefs = existing?.EvidenceRefs.ToList() ?? [], Comment = existing?.Comment });
        }

        foreach (var competency in outline.Competencies)
        {
            var existing = saved.Conclusions.FirstOrDefault(c => c.CompetencyId == competency.Id);
            input.Conclusions.Add(new ConclusionInput { CompetencyId = competency.Id, Level = existing?.Level, EvidenceRefs = existing?.EvidenceRefs.ToList() ?? [], Comment = existing?.Comment });
        }

        input.Questions = saved.Questions.Select(q => new QuestionInput { Id = q.Id, Text = q.Text, CompetencyIds = q.CompetencyIds.ToList() }).ToList();
        return input;
    }

    /// <summary>Puts a posted form in the page's order, with one row per area and competency.</summary>
    private static NotesInput Normalise(NotesInput posted, StandardOutline outline)
    {
        var conclusions = new List<ConclusionInput>();
        foreach (var area in outline.Areas)
        {
            conclusions.Add(posted.Conclusions.FirstOrDefault(c => c.CompetencyId is null && c.AreaCode == area.Code) ?? new ConclusionInput { AreaCode = area.Code });
        }

        foreach (var competency in outline.Competencies)
        {
            var found = posted.Conclusions.FirstOrDefault(c => c.CompetencyId == competency.Id) ?? new ConclusionInput { CompetencyId = competency.Id };
            found.AreaCode = null;
            conclusions.Add(found);
        }

        posted.Conclusions = conclusions;
        return posted;
    }

    private static List<ConflictDifference> Differences(NotesInput theirs, NotesInput yours, StandardOutline outline, EvidenceCatalogue evidence)
    {
        var differences = new List<ConflictDifference>();
        if (Clean(theirs.Notes) != Clean(yours.Notes))
        {
            differences.Add(new ConflictDifference("Notes", theirs.Notes ?? "(empty)", yours.Notes ?? "(empty)"));
        }

        foreach (var mine in yours.Conclusions)
        {
            var other = theirs.Conclusions.FirstOrDefault(c => c.AreaCode == mine.AreaCode && c.CompetencyId == mine.CompetencyId);
            var otherText = Describe(other, evidence);
            var mineText = Describe(mine, evidence);
            if (otherText != mineText)
            {
                differences.Add(new ConflictDifference(What(mine, outline), otherText, mineText));
            }
        }

        var theirQuestions = string.Join("\n", theirs.Questions.Select(q => "• " + q.Text));
        var yourQuestions = string.Join("\n", yours.Questions.Where(q => !q.Delete).Select(q => "• " + q.Text)
            .Concat(yours.NewQuestions.Where(q => !string.IsNullOrWhiteSpace(q.Text)).Select(q => "• " + q.Text))
            .Concat(yours.Suggestions.Where(s => s.Accept).Select(s => "• " + s.Text)));
        if (theirQuestions != yourQuestions)
        {
            differences.Add(new ConflictDifference("Questions to explore", theirQuestions.Length == 0 ? "(none)" : theirQuestions, yourQuestions.Length == 0 ? "(none)" : yourQuestions));
        }

        return differences;
    }

    private static string Describe(ConclusionInput? conclusion, EvidenceCatalogue evidence)
    {
        if (conclusion?.Level is not { } level)
        {
            return "(not recorded)";
        }

        var refs = conclusion.EvidenceRefs.Count == 0 ? "no evidence cited" : string.Join("; ", conclusion.EvidenceRefs.Select(evidence.Describe));
        return $"{InitialLevels.Label(level)} ({refs}){(string.IsNullOrWhiteSpace(conclusion.Comment) ? "" : " — " + conclusion.Comment.Trim())}";
    }

    private static string What(ConclusionInput conclusion, StandardOutline outline) =>
        conclusion.CompetencyId is { } id ? outline.Competency(id)?.Title ?? $"Competency {id}" : $"Area {outline.AreaName(conclusion.AreaCode ?? string.Empty)}";

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
