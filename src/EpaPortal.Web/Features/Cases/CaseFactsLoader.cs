using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Cases;

/// <summary>
/// Loads a case (tracked) with everything the case workflow reads about it, in one place, so every
/// feature asks the domain the same question with the same facts.
/// </summary>
public sealed class CaseFactsLoader(PortalDbContext db, StandardVersionCache versions, BankHolidaySource holidays)
{
    /// <summary>The case with its apprentice, organisation and standard version, tracked; null if none.</summary>
    public Task<EpaCase?> LoadCaseAsync(int caseId, CancellationToken cancellationToken = default) =>
        db.Cases
            .Include(c => c.Apprentice).ThenInclude(a => a!.Organisation)
            .Include(c => c.StandardVersion).ThenInclude(v => v!.Standard)
            .Include(c => c.StandardVersion).ThenInclude(v => v!.Areas)
            .Include(c => c.StandardVersion).ThenInclude(v => v!.Competencies)
            .Include(c => c.StandardVersion).ThenInclude(v => v!.KnowledgeModules)
            .Include(c => c.StandardVersion).ThenInclude(v => v!.Criteria)
            .Include(c => c.StandardVersion).ThenInclude(v => v!.GradeLookup)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);

    /// <summary>The facts for <paramref name="epaCase"/> (loaded by <see cref="LoadCaseAsync"/>); the
    /// current attempt's entities are tracked so the workflow's stamps on them are saved.</summary>
    public async Task<CaseFacts> LoadFactsAsync(EpaCase epaCase, CancellationToken cancellationToken = default)
    {
        var caseId = epaCase.Id;
        var attempt = epaCase.Attempt;

        var gateway = await db.GatewaySubmissions
            .Include(g => g.ModuleResults).Include(g => g.Reviews)
            .Where(g => g.CaseId == caseId)
            .OrderByDescending(g => g.SubmittedAt).ThenByDescending(g => g.Id)
            .FirstOrDefaultAsync(cancellationToken);

        var portfolioItems = await db.EvidenceItems.CountAsync(e => e.CaseId == caseId && e.RemovedAt == null, cancellationToken);
        var referenceSubmitted = await db.EmployerReferences.AnyAsync(r => r.CaseId == caseId && r.Status == ReferenceStatus.Submitted, cancellationToken);

        var conflicts = epaCase.AssessorId is null
            ? []
            : await db.ConflictsOfInterest.Where(c => c.AssessorId == epaCase.AssessorId).ToListAsync(cancellationToken);

        var decisions = await db.GradeDecisions.Where(g => g.CaseId == caseId)
            .OrderBy(g => g.DecidedAt).ThenBy(g => g.Id)
            .ToListAsync(cancellationToken);
        var earlierAssessors = await db.AssessorNotes.Where(n => n.CaseId == caseId && n.Attempt < attempt).Select(n => n.AssessorId)
            .Concat(db.Judgements.Where(j => j.CaseId == caseId && j.Attempt < attempt).Select(j => j.AssessorId))
            .Distinct().ToListAsync(cancellationToken);
        earlierAssessors.AddRange(decisions.Where(d => d.Attempt < attempt).Select(d => d.AssessorId));

        var project = await db.ProjectSubmissions.SingleOrDefaultAsync(p => p.CaseId == caseId && p.Attempt == attempt, cancellationToken);
        var deliverables = project is null
            ? 0
            : await db.StoredFiles.CountAsync(f => f.ProjectSubmissionId == project.Id && f.Purpose == FilePurpose.ProjectDeliverable, cancellationToken);

        var note = await db.AssessorNotes.Include(n => n.Conclusions)
            .SingleOrDefaultAsync(n => n.CaseId == caseId && n.Attempt == attempt, cancellationToken);
        var questions = await db.InterviewQuestions.Where(q => q.CaseId == caseId && q.Attempt == attempt)
            .OrderBy(q => q.Order).ToListAsync(cancellationToken);
        var interview = await db.Interviews.SingleOrDefaultAsync(i => i.CaseId == caseId && i.Attempt == attempt, cancellationToken);
        var appeal = await db.Appeals.Where(a => a.CaseId == caseId && a.Attempt == attempt)
            .OrderByDescending(a => a.LodgedAt).FirstOrDefaultAsync(cancellationToken);

        return new CaseFacts
        {
            StandardVersion = epaCase.StandardVersion ?? throw new InvalidOperationException("Load the case with LoadCaseAsync."),
            Parties = CaseParties.From(epaCase),
            BankHolidays = holidays.For(epaCase.Apprentice),
            Gateway = gateway,
            ApprenticeshipStartDate = epaCase.Apprentice?.StartDate,
            PortfolioItemCount = portfolioItems,
            EmployerReferenceSubmitted = referenceSubmitted,
            AssessorConflicts = conflicts,
            EarlierAssessorIds = earlierAssessors.Distinct(StringComparer.Ordinal).ToList(),
            QualityAssurerIds = decisions.Where(d => d.QaById is not null).Select(d => d.QaById!).Distinct(StringComparer.Ordinal).ToList(),
            Project = project,
            ProjectDeliverableCount = deliverables,
            AssessorNote = note,
            InterviewQuestions = questions,
            Interview = interview,
            GradeDecision = decisions.LastOrDefault(d => d.Attempt == attempt),
            GradeReturnedByQa = decisions.Any(d => d.Attempt == attempt && d.QaStatus == QaStatus.Returned),
            ApprenticeConsentedToCertificate = gateway?.ApprenticeConsentsToCertificateRequest ?? false,
            Appeal = appeal,
        };
    }

    /// <summary>
    /// The case and its facts for pages that only show what the workflow would allow (never save them):
    /// untracked, in three commands whatever the case's history (the case with every single-valued fact
    /// and the small lists, the latest gateway, the current note), the standard version from
    /// <see cref="StandardVersionCache"/>. The same facts as <see cref="LoadFactsAsync"/>.
    /// </summary>
    public async Task<CaseSnapshot?> LoadSnapshotAsync(int caseId, CancellationToken cancellationToken = default)
    {
        var row = await SnapshotQuery(db, caseId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var epaCase = row.Case;
        var gateway = await LatestGatewayQuery(db, caseId, cancellationToken);
        var note = await NoteQuery(db, caseId, epaCase.Attempt, cancellationToken);
        var version = await versions.GetAsync(db, epaCase.StandardVersionId, cancellationToken);
        var decisions = row.Decisions.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).ToList();
        var earlier = row.EarlierNoteAssessors.Concat(row.EarlierJudgementAssessors)
            .Concat(decisions.Where(d => d.Attempt < epaCase.Attempt).Select(d => d.AssessorId));

        var facts = new CaseFacts
        {
            StandardVersion = version,
            Parties = new CaseParties(row.Apprentice.UserId, row.Apprentice.OrganisationId, row.OrganisationName),
            BankHolidays = holidays.For(row.Apprentice),
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
        return new CaseSnapshot(epaCase, row.Apprentice, row.OrganisationName, row.AssessorName, facts);
    }

    // The snapshot's three commands are compiled once: the case pages run them on every view, and
    // translating the large projection below again on each request cost more than running it.
    private static readonly Func<PortalDbContext, int, CancellationToken, Task<SnapshotRow?>> SnapshotQuery =
        EF.CompileAsyncQuery((PortalDbContext db, int caseId, CancellationToken cancellationToken) =>
            db.Cases.AsNoTracking()
                .Where(c => c.Id == caseId)
                .Select(c => new SnapshotRow
                {
                    Case = c,
                    Apprentice = c.Apprentice!,
                    OrganisationName = c.Apprentice!.Organisation!.Name,
                    AssessorName = db.Users.Where(u => u.Id == c.AssessorId).Select(u => u.DisplayName).FirstOrDefault(),
                    PortfolioItems = db.EvidenceItems.Count(e => e.CaseId == c.Id && e.RemovedAt == null),

                    // Every row below is tied to the case row and also filtered by the case id as a parameter:
                    // EF Core turns "the first of" into a window function joined to the case, and SQLite only
                    // narrows that window to this case (through the CaseId indexes) when the filter is inside it.
                    ReferenceSubmitted = db.EmployerReferences.Any(r => r.CaseId == c.Id && r.Status == ReferenceStatus.Submitted),
                    Project = db.ProjectSubmissions.FirstOrDefault(p => p.CaseId == c.Id && p.CaseId == caseId && p.Attempt == c.Attempt),
                    Deliverables = db.StoredFiles.Count(f => f.CaseId == c.Id && f.Purpose == FilePurpose.ProjectDeliverable
                        && db.ProjectSubmissions.Any(p => p.Id == f.ProjectSubmissionId && p.Attempt == c.Attempt)),
                    Interview = db.Interviews.FirstOrDefault(i => i.CaseId == c.Id && i.CaseId == caseId && i.Attempt == c.Attempt),
                    Appeal = db.Appeals.Where(a => a.CaseId == c.Id && a.CaseId == caseId && a.Attempt == c.Attempt).OrderByDescending(a => a.LodgedAt).FirstOrDefault(),

                    // Small lists (a few rows each), joined in the same command.
                    Decisions = db.GradeDecisions.Where(g => g.CaseId == c.Id && g.CaseId == caseId).ToList(),
                    Conflicts = db.ConflictsOfInterest.Where(x => x.AssessorId == c.AssessorId).ToList(),
                    EarlierNoteAssessors = db.AssessorNotes.Where(n => n.CaseId == c.Id && n.CaseId == caseId && n.Attempt < c.Attempt).Select(n => n.AssessorId).ToList(),
                    EarlierJudgementAssessors = db.Judgements.Where(j => j.CaseId == c.Id && j.CaseId == caseId && j.Attempt < c.Attempt).Select(j => j.AssessorId).ToList(),
                    Questions = db.InterviewQuestions.Where(q => q.CaseId == c.Id && q.CaseId == caseId && q.Attempt == c.Attempt).ToList(),
                })
                .AsSingleQuery()
                .SingleOrDefault());

    private static readonly Func<PortalDbContext, int, CancellationToken, Task<GatewaySubmission?>> LatestGatewayQuery =
        EF.CompileAsyncQuery((PortalDbContext db, int caseId, CancellationToken cancellationToken) =>
            db.GatewaySubmissions.AsNoTracking()
                .Include(g => g.ModuleResults).Include(g => g.Reviews)
                .Where(g => g.CaseId == caseId)
                .OrderByDescending(g => g.SubmittedAt).ThenByDescending(g => g.Id)
                .AsSingleQuery()
                .FirstOrDefault());

    private static readonly Func<PortalDbContext, int, int, CancellationToken, Task<AssessorNote?>> NoteQuery =
        EF.CompileAsyncQuery((PortalDbContext db, int caseId, int attempt, CancellationToken cancellationToken) =>
            db.AssessorNotes.AsNoTracking().Include(n => n.Conclusions)
                .SingleOrDefault(n => n.CaseId == caseId && n.Attempt == attempt));

    private sealed class SnapshotRow
    {
        public required EpaCase Case { get; init; }

        public required Domain.Organisations.Apprentice Apprentice { get; init; }

        public required string OrganisationName { get; init; }

        public string? AssessorName { get; init; }

        public int PortfolioItems { get; init; }

        public bool ReferenceSubmitted { get; init; }

        public ProjectSubmission? Project { get; init; }

        public int Deliverables { get; init; }

        public Interview? Interview { get; init; }

        public Appeal? Appeal { get; init; }

        public required List<GradeDecision> Decisions { get; init; }

        public required List<Domain.Organisations.ConflictOfInterest> Conflicts { get; init; }

        public required List<string> EarlierNoteAssessors { get; init; }

        public required List<string> EarlierJudgementAssessors { get; init; }

        public required List<InterviewQuestion> Questions { get; init; }
    }
}

/// <summary>An untracked case with its apprentice, names and workflow facts (<see cref="CaseFactsLoader.LoadSnapshotAsync"/>).</summary>
public sealed record CaseSnapshot(EpaCase Case, Domain.Organisations.Apprentice Apprentice, string OrganisationName, string? AssessorName, CaseFacts Facts);
