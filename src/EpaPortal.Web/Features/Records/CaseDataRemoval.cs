using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Records;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Records;

/// <summary>
/// What removing one class of a case's data means, table by table: counting what is left to remove (for the
/// dry-run report) and removing it (when a report is carried out). Files lose their bytes and keep their
/// record (size, SHA-256); words are replaced by <see cref="Removed"/>; grades, levels, dates and outcomes stay,
/// so the assessment record still reads whole. Everything is counted by case, never read.
/// </summary>
public sealed class CaseDataRemoval(PortalDbContext db)
{
    /// <summary>What replaces removed words.</summary>
    public const string Removed = "[removed: retention period ended]";

    private const int Chunk = 500;

    // Every file about the apprentice that is not a project deliverable: the portfolio, the gateway evidence,
    // a reasonable adjustment's evidence (often medical) and the provider's supportive action plan.
    private static readonly FilePurpose[] EvidencePurposes =
    [
        FilePurpose.PortfolioEvidence, FilePurpose.KnowledgeModuleCertificate, FilePurpose.EnglishMathsEvidence,
        FilePurpose.AdjustmentEvidence, FilePurpose.SupportiveActionPlan,
    ];

    public static bool IsCaseClass(DataClass dataClass) =>
        dataClass is DataClass.EvidenceFiles or DataClass.ProjectFiles or DataClass.Notes or DataClass.InterviewRecords or DataClass.AssessmentWords;

    /// <summary>How many records of the class each case still has to remove (cases with none are left out).</summary>
    public async Task<Dictionary<int, int>> CountAsync(DataClass dataClass, IReadOnlyList<int> caseIds, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<int, int>();
        foreach (var chunk in caseIds.Chunk(Chunk))
        {
            var ids = chunk.ToList();
            foreach (var part in await CountChunkAsync(dataClass, ids, cancellationToken))
            {
                foreach (var (caseId, count) in part)
                {
                    counts[caseId] = counts.GetValueOrDefault(caseId) + count;
                }
            }
        }

        return counts.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value);
    }

    private async Task<List<Dictionary<int, int>>> CountChunkAsync(DataClass dataClass, List<int> ids, CancellationToken cancellationToken)
    {
        var parts = new List<Dictionary<int, int>>();
        switch (dataClass)
        {
            case DataClass.EvidenceFiles:
                parts.Add(await ByCase(db.StoredFiles.Where(f => ids.Contains(f.CaseId) && f.PurgedAt == null && EvidencePurposes.Contains(f.Purpose)).Select(f => f.CaseId), cancellationToken));
                parts.Add(await ByCase(db.EvidenceItems.Where(e => ids.Contains(e.CaseId) && e.Description != Removed).Select(e => e.CaseId), cancellationToken));
                break;
            case DataClass.ProjectFiles:
                parts.Add(await ByCase(db.StoredFiles.Where(f => ids.Contains(f.CaseId) && f.PurgedAt == null && f.Purpose == FilePurpose.ProjectDeliverable).Select(f => f.CaseId), cancellationToken));
                parts.Add(await ByCase(db.ProjectSubmissions.Where(p => ids.Contains(p.CaseId) && p.Summary != null && p.Summary != Removed).Select(p => p.CaseId), cancellationToken));
                break;
            case DataClass.Notes:
                parts.Add(await ByCase(db.AssessorNotes.Where(n => ids.Contains(n.CaseId) && n.Notes != null && n.Notes != Removed).Select(n => n.CaseId), cancellationToken));
                parts.Add(await ByCase(
                    from c in db.Set<InitialConclusion>()
                    join n in db.AssessorNotes on c.AssessorNoteId equals n.Id
                    where ids.Contains(n.CaseId) && c.Comment != null && c.Comment != Removed
                    select n.CaseId, cancellationToken));
                parts.Add(await ByCase(db.InterviewQuestions.Where(q => ids.Contains(q.CaseId) && q.Text != Removed).Select(q => q.CaseId), cancellationToken));
                break;
            case DataClass.InterviewRecords:
                parts.Add(await ByCase(db.InterviewQuestions.Where(q => ids.Contains(q.CaseId) && q.AnswerSummary != null && q.AnswerSummary != Removed).Select(q => q.CaseId), cancellationToken));
                parts.Add(await ByCase(db.Interviews.Where(i => ids.Contains(i.CaseId) && i.Location != Removed).Select(i => i.CaseId), cancellationToken));
                break;
            case DataClass.AssessmentWords:
                parts.Add(await ByCase(
                    from a in db.Set<AreaJudgement>()
                    join j in db.Judgements on a.JudgementId equals j.Id
                    where ids.Contains(j.CaseId) && a.Rationale != null && a.Rationale != Removed
                    select j.CaseId, cancellationToken));
                parts.Add(await ByCase(db.Judgements.Where(j => ids.Contains(j.CaseId) && ((j.Feedback != null && j.Feedback != Removed) || (j.OverrideJustification != null && j.OverrideJustification != Removed))).Select(j => j.CaseId), cancellationToken));
                parts.Add(await ByCase(db.GradeDecisions.Where(g => ids.Contains(g.CaseId) && ((g.Feedback != null && g.Feedback != Removed) || (g.OverrideJustification != null && g.OverrideJustification != Removed) || (g.QaReturnReason != null && g.QaReturnReason != Removed))).Select(g => g.CaseId), cancellationToken));
                parts.Add(await ByCase(
                    from s in db.Set<ReferenceSection>()
                    join r in db.EmployerReferences on s.EmployerReferenceId equals r.Id
                    where ids.Contains(r.CaseId) && s.Narrative != null && s.Narrative != Removed
                    select r.CaseId, cancellationToken));
                parts.Add(await ByCase(db.EmployerReferences.Where(r => ids.Contains(r.CaseId) && (r.RefereeName != null || r.RefereeEmail != null)).Select(r => r.CaseId), cancellationToken));
                parts.Add(await ByCase(db.Appeals.Where(a => ids.Contains(a.CaseId) && a.Grounds != Removed).Select(a => a.CaseId), cancellationToken));
                parts.Add(await ByCase(db.CaseMessages.Where(m => ids.Contains(m.CaseId) && m.Body != Removed).Select(m => m.CaseId), cancellationToken));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dataClass), dataClass, "Not a class of case data.");
        }

        return parts;
    }

    private static async Task<Dictionary<int, int>> ByCase(IQueryable<int> caseIds, CancellationToken cancellationToken) =>
        await caseIds.GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>
    /// Removes the class's data of one case inside the caller's transaction; returns how many records and,
    /// for files, the storage keys whose bytes the caller deletes once the transaction has committed.
    /// </summary>
    public async Task<(int Records, IReadOnlyList<string> StorageKeys, IReadOnlyList<Guid> FileIds)> RemoveAsync(DataClass dataClass, int caseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var version = Guid.NewGuid();
        switch (dataClass)
        {
            case DataClass.EvidenceFiles:
            {
                var (count, keys, files) = await PurgeFilesAsync(caseId, EvidencePurposes, now, cancellationToken);
                count += await db.EvidenceItems.Where(e => e.CaseId == caseId && e.Description != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, "Evidence item (removed at the end of its retention period)").SetProperty(e => e.Description, Removed).SetProperty(e => e.ProjectName, Removed).SetProperty(e => e.Version, version), cancellationToken);
                return (count, keys, files);
            }

            case DataClass.ProjectFiles:
            {
                var (count, keys, files) = await PurgeFilesAsync(caseId, [FilePurpose.ProjectDeliverable], now, cancellationToken);
                count += await db.ProjectSubmissions.Where(p => p.CaseId == caseId && p.Summary != null && p.Summary != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Summary, Removed).SetProperty(p => p.Version, version), cancellationToken);
                return (count, keys, files);
            }

            case DataClass.Notes:
            {
                var notes = db.AssessorNotes.Where(n => n.CaseId == caseId);
                var count = await notes.Where(n => n.Notes != null && n.Notes != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.Notes, Removed).SetProperty(n => n.Version, version), cancellationToken);
                count += await db.Set<InitialConclusion>().Where(c => notes.Any(n => n.Id == c.AssessorNoteId) && c.Comment != null && c.Comment != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Comment, Removed), cancellationToken);
                count += await db.InterviewQuestions.Where(q => q.CaseId == caseId && q.Text != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(q => q.Text, Removed), cancellationToken);
                return (count, [], []);
            }

            case DataClass.InterviewRecords:
            {
                var count = await db.InterviewQuestions.Where(q => q.CaseId == caseId && q.AnswerSummary != null && q.AnswerSummary != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(q => q.AnswerSummary, Removed), cancellationToken);
                count += await db.Interviews.Where(i => i.CaseId == caseId && i.Location != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Location, Removed).SetProperty(i => i.LastRescheduleReason, i => i.LastRescheduleReason == null ? null : Removed).SetProperty(i => i.Version, version), cancellationToken);
                return (count, [], []);
            }

            case DataClass.AssessmentWords:
            {
                var judgements = db.Judgements.Where(j => j.CaseId == caseId);
                var count = await db.Set<AreaJudgement>().Where(a => judgements.Any(j => j.Id == a.JudgementId) && a.Rationale != null && a.Rationale != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Rationale, Removed), cancellationToken);
                count += await judgements.Where(j => (j.Feedback != null && j.Feedback != Removed) || (j.OverrideJustification != null && j.OverrideJustification != Removed))
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.Feedback, j => j.Feedback == null ? null : Removed).SetProperty(j => j.OverrideJustification, j => j.OverrideJustification == null ? null : Removed).SetProperty(j => j.Version, version), cancellationToken);
                count += await db.GradeDecisions.Where(g => g.CaseId == caseId && ((g.Feedback != null && g.Feedback != Removed) || (g.OverrideJustification != null && g.OverrideJustification != Removed) || (g.QaReturnReason != null && g.QaReturnReason != Removed)))
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.Feedback, g => g.Feedback == null ? null : Removed).SetProperty(g => g.OverrideJustification, g => g.OverrideJustification == null ? null : Removed)
                        .SetProperty(g => g.QaReturnReason, g => g.QaReturnReason == null ? null : Removed).SetProperty(g => g.Version, version), cancellationToken);
                var references = db.EmployerReferences.Where(r => r.CaseId == caseId);
                count += await db.Set<ReferenceSection>().Where(s => references.Any(r => r.Id == s.EmployerReferenceId) && s.Narrative != null && s.Narrative != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Narrative, Removed), cancellationToken);
                count += await references.Where(r => r.RefereeName != null || r.RefereeEmail != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.RefereeName, (string?)null).SetProperty(r => r.RefereeEmail, (string?)null).SetProperty(r => r.RefereeJobTitle, (string?)null)
                        .SetProperty(r => r.RelationshipToApprentice, (string?)null).SetProperty(r => r.Version, version), cancellationToken);
                count += await db.Appeals.Where(a => a.CaseId == caseId && a.Grounds != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Grounds, Removed).SetProperty(a => a.DecisionReason, a => a.DecisionReason == null ? null : Removed), cancellationToken);

                // The case's messages (issue 25, item 5): their words go with the rest of the record's words; who wrote when stays.
                count += await db.CaseMessages.Where(m => m.CaseId == caseId && m.Body != Removed)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Body, Removed), cancellationToken);
                return (count, [], []);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(dataClass), dataClass, "Not a class of case data.");
        }
    }

    private async Task<(int Count, IReadOnlyList<string> Keys, IReadOnlyList<Guid> Files)> PurgeFilesAsync(int caseId, FilePurpose[] purposes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var files = await db.StoredFiles.Where(f => f.CaseId == caseId && f.PurgedAt == null && purposes.Contains(f.Purpose)).ToListAsync(cancellationToken);
        foreach (var file in files)
        {
            file.MarkPurged(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return (files.Count, files.Select(f => f.StorageKey).ToList(), files.Select(f => f.Id).ToList());
    }
}

/// <summary>Reads the facts the retention rules need about cases.</summary>
public static class CaseRetentionQueries
{
    public static IQueryable<CaseRetentionFacts> Facts(PortalDbContext db, IQueryable<EpaCase> cases) =>
        cases.Select(c => new CaseRetentionFacts(
            c.Id,
            c.State,
            c.StateChangedAt,
            c.ResultReleasedAt,
            c.AppealDeadline,
            db.Appeals.Any(a => a.CaseId == c.Id && a.Outcome == AppealOutcome.Pending),
            db.LegalHolds.Any(h => h.CaseId == c.Id),
            c.IsOnHold));
}
