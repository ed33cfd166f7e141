using System.Linq.Expressions;
using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Cases;

/// <summary>An untracked (pages) or tracked (commands) case with its apprentice, names and workflow facts.</summary>
public sealed record CaseSnapshot(EpaCase Case, Apprentice Apprentice, string OrganisationName, string? AssessorName, CaseFacts Facts)
{
    /// <summary>Every grade decision of the case, every attempt, oldest first.</summary>
    public IReadOnlyList<GradeDecision> Decisions { get; init; } = [];
}

/// <summary>
/// The one loader of a case and every fact the case workflow reads, so every feature asks the domain the
/// same question with the same facts. Three compiled commands whatever the case's history: the case with
/// every single-valued fact and the small lists, the latest gateway (with its modules and reviews), the
/// current attempt's notes (with their conclusions). Pages load it untracked (<see cref="LoadAsync"/>);
/// commands load the same queries tracked (<see cref="LoadForUpdateAsync"/>), so what the workflow stamps
/// on the current attempt's entities is saved with the case. The standard version always comes from
/// <see cref="StandardVersionCache"/> as <see cref="CaseFacts.StandardVersion"/> and is never attached to
/// the tracked case (its navigation stays empty).
/// </summary>
public sealed class CaseFactsLoader(PortalDbContext db, StandardVersionCache versions, Scheduling.BankHolidaySource holidays)
{
    /// <summary>The case and its facts for a page (untracked; never save them), or null.</summary>
    public Task<CaseSnapshot?> LoadAsync(int caseId, CancellationToken cancellationToken = default) =>
        RunAsync(Untracked, caseId, cancellationToken);

    /// <summary>The case and its facts for a command: tracked, to be changed by the domain and saved once.</summary>
    public Task<CaseSnapshot?> LoadForUpdateAsync(int caseId, CancellationToken cancellationToken = default) =>
        RunAsync(Tracked, caseId, cancellationToken);

    private async Task<CaseSnapshot?> RunAsync(Queries queries, int caseId, CancellationToken cancellationToken)
    {
        var row = await queries.Case(db, caseId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var epaCase = row.Case;
        var gateway = await queries.LatestGateway(db, caseId, cancellationToken);
        var note = await queries.Note(db, caseId, cancellationToken);
        var version = await versions.GetAsync(db, epaCase.StandardVersionId, cancellationToken);
        var decisions = row.Decisions.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).ToList();
        var earlier = row.EarlierNoteAssessors.Concat(row.EarlierJudgementAssessors)
            .Concat(decisions.Where(d => d.Attempt < epaCase.Attempt).Select(d => d.AssessorId));

        var facts = new CaseFacts
        {
            StandardVersion = version,
            Parties = new CaseParties(row.Apprentice.UserId, row.Apprentice.OrganisationId, row.OrganisationName, epaCase.ProviderOrganisationId),
            BankHolidays = holidays.For(row.Apprentice),
            Adjustment = Domain.Adjustments.ScheduleAdjustment.From(row.Adjustments),
            ApprovedAdjustments = row.Adjustments.OrderBy(a => a.Id).ToList(),
            Gateway = gateway,
            ApprenticeshipStartDate = row.Apprentice.StartDate,
            PortfolioItemCount = row.PortfolioItems,
            EmployerReferenceSubmitted = row.ReferenceSubmitted,
            AssessorConflicts = epaCase.AssessorId is null ? [] : row.Conflicts,
            EarlierAssessorIds = earlier.Distinct(StringComparer.Ordinal).ToList(),
            QualityAssurerIds = decisions.Where(d => d.QaById is not null).Select(d => d.QaById!).Distinct(StringComparer.Ordinal).ToList(),
            Project = row.Project,
            ProjectDeliverableCount = row.Project is null ? 0 : row.Deliverables,
            AssessorNote = note,
            InterviewQuestions = row.Questions.OrderBy(q => q.Order).ToList(),
            Interview = row.Interview,
            GradeDecision = decisions.LastOrDefault(d => d.Attempt == epaCase.Attempt),
            GradeReturnedByQa = decisions.Any(d => d.Attempt == epaCase.Attempt && d.QaStatus == QaStatus.Returned),
            ApprenticeConsentedToCertificate = gateway?.ApprenticeConsentsToCertificateRequest ?? false,
            Appeal = row.Appeal,
        };
        return new CaseSnapshot(epaCase, row.Apprentice, row.OrganisationName, row.AssessorName, facts) { Decisions = decisions };
    }

    /// <summary>
    /// The case with every single-valued fact and the small lists (a few rows each), in one command. Every row is
    /// tied to the case row and also filtered by the case id (see <see cref="CompiledShapes"/>).
    /// </summary>
    private static readonly Expression<Func<PortalDbContext, IQueryable<EpaCase>, int, CaseRow?>> CaseShape = (db, cases, caseId) =>
        cases.Select(c => new CaseRow
            {
                Case = c,
                Apprentice = c.Apprentice!,
                OrganisationName = c.Apprentice!.Organisation!.Name,
                AssessorName = db.Users.Where(u => u.Id == c.AssessorId).Select(u => u.DisplayName).FirstOrDefault(),
                PortfolioItems = db.EvidenceItems.Count(e => e.CaseId == c.Id && e.RemovedAt == null),
                ReferenceSubmitted = db.EmployerReferences.Any(r => r.CaseId == c.Id && r.Status == ReferenceStatus.Submitted),
                Project = db.ProjectSubmissions.FirstOrDefault(p => p.CaseId == c.Id && p.CaseId == caseId && p.Attempt == c.Attempt),
                Deliverables = db.StoredFiles.Count(f => f.CaseId == c.Id && f.Purpose == FilePurpose.ProjectDeliverable
                    && db.ProjectSubmissions.Any(p => p.Id == f.ProjectSubmissionId && p.Attempt == c.Attempt)),
                Interview = db.Interviews.FirstOrDefault(i => i.CaseId == c.Id && i.CaseId == caseId && i.Attempt == c.Attempt),
                Appeal = db.Appeals.Where(a => a.CaseId == c.Id && a.CaseId == caseId && a.Attempt == c.Attempt).OrderByDescending(a => a.LodgedAt).FirstOrDefault(),
                Decisions = db.GradeDecisions.Where(g => g.CaseId == c.Id && g.CaseId == caseId).ToList(),
                Conflicts = db.ConflictsOfInterest.Where(x => x.AssessorId == c.AssessorId).ToList(),
                EarlierNoteAssessors = db.AssessorNotes.Where(n => n.CaseId == c.Id && n.CaseId == caseId && n.Attempt < c.Attempt).Select(n => n.AssessorId).ToList(),
                EarlierJudgementAssessors = db.Judgements.Where(j => j.CaseId == c.Id && j.CaseId == caseId && j.Attempt < c.Attempt).Select(j => j.AssessorId).ToList(),
                Questions = db.InterviewQuestions.Where(q => q.CaseId == c.Id && q.CaseId == caseId && q.Attempt == c.Attempt).ToList(),
                Adjustments = db.ReasonableAdjustments.Where(a => a.CaseId == c.Id && a.CaseId == caseId && a.Status == Domain.Adjustments.AdjustmentStatus.Approved).ToList(),
            })
            .AsSingleQuery()
            .SingleOrDefault();

    private static readonly Expression<Func<PortalDbContext, IQueryable<GatewaySubmission>, GatewaySubmission?>> GatewayShape = (db, gateways) =>
        gateways.Include(g => g.ModuleResults).Include(g => g.Reviews)
            .OrderByDescending(g => g.SubmittedAt).ThenByDescending(g => g.Id)
            .AsSingleQuery()
            .FirstOrDefault();

    /// <summary>The notes of the case's current attempt, with their conclusions.</summary>
    private static readonly Expression<Func<PortalDbContext, IQueryable<AssessorNote>, int, AssessorNote?>> NoteShape = (db, notes, caseId) =>
        notes.Include(n => n.Conclusions)
            .Where(n => n.CaseId == caseId && n.Attempt == db.Cases.Where(c => c.Id == caseId).Select(c => c.Attempt).First())
            .SingleOrDefault();

    /// <summary>The same three shapes, compiled once untracked (pages) and once tracked (commands).</summary>
    private sealed record Queries(
        Func<PortalDbContext, int, CancellationToken, Task<CaseRow?>> Case,
        Func<PortalDbContext, int, CancellationToken, Task<GatewaySubmission?>> LatestGateway,
        Func<PortalDbContext, int, CancellationToken, Task<AssessorNote?>> Note);

    private static readonly Queries Untracked = new(
        CompiledShapes.Compile(CaseShape, (PortalDbContext db, int caseId) => db.Cases.AsNoTracking().Where(c => c.Id == caseId)),
        CompiledShapes.Compile(GatewayShape, (PortalDbContext db, int caseId) => db.GatewaySubmissions.AsNoTracking().Where(g => g.CaseId == caseId)),
        CompiledShapes.Compile(NoteShape, (PortalDbContext db, int caseId) => db.AssessorNotes.AsNoTracking()));

    private static readonly Queries Tracked = new(
        CompiledShapes.Compile(CaseShape, (PortalDbContext db, int caseId) => db.Cases.AsTracking().Where(c => c.Id == caseId)),
        CompiledShapes.Compile(GatewayShape, (PortalDbContext db, int caseId) => db.GatewaySubmissions.AsTracking().Where(g => g.CaseId == caseId)),
        CompiledShapes.Compile(NoteShape, (PortalDbContext db, int caseId) => db.AssessorNotes.AsTracking()));

    private sealed class CaseRow
    {
        public required EpaCase Case { get; init; }

        public required Apprentice Apprentice { get; init; }

        public required string OrganisationName { get; init; }

        public string? AssessorName { get; init; }

        public int PortfolioItems { get; init; }

        public bool ReferenceSubmitted { get; init; }

        public ProjectSubmission? Project { get; init; }

        public int Deliverables { get; init; }

        public Interview? Interview { get; init; }

        public Appeal? Appeal { get; init; }

        public required List<GradeDecision> Decisions { get; init; }

        public required List<ConflictOfInterest> Conflicts { get; init; }

        public required List<string> EarlierNoteAssessors { get; init; }

        public required List<string> EarlierJudgementAssessors { get; init; }

        public required List<InterviewQuestion> Questions { get; init; }

        public required List<Domain.Adjustments.ReasonableAdjustment> Adjustments { get; init; }
    }
}
