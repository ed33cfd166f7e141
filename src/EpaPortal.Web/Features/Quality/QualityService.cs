using System.Globalization;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Grading;
using EpaPortal.Domain.Standards;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.AuditTrail;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Quality;

/// <summary>
/// Internal quality assurance: the queue of graded cases awaiting a quality assurer, the case with
/// everything the grade rests on, and the two decisions (approve, or return to the assessor with a
/// reason). The case workflow decides who may do what; this service loads, shows and saves.
/// </summary>
public sealed class QualityService(
    PortalDbContext db,
    CaseCommands commands,
    CaseWorkflow workflow,
    Notifier notifier,
    AuditLog audit,
    ReadAuditWriter reads,
    CurrentUser currentUser,
    TimeProvider clock,
    IOptions<QualityOptions> options)
{
    public const int PageSize = 50;

    public const string QaCaseRead = "QaCaseRead";

    /// <summary>The audit action of a moderation (issue 21, item 5): both grades are in its details.</summary>
    public const string GradeModerated = "GradeModerated";

    public const string AssessedMessage = "You assessed this case, so you cannot quality-assure it: another quality assurer will check it.";

    /// <summary>The order of the quality assurer's own decisions: newest first (index QaById+QaAt).</summary>
    private static readonly KeysetOrder<GradeDecision, DateTimeOffset, int> DecidedOrder = new("decided", d => d.QaAt!.Value, d => d.Id, descending: true);

    /// <summary>
    /// The grades the signed-in quality assurer approved or returned, newest first, a keyset page at a time
    /// (one command, from the index of decisions by quality assurer: its cost does not grow with history).
    /// </summary>
    public async Task<QaDecidedViewModel> DecidedAsync(PageRequest request, CancellationToken cancellationToken = default)
    {
        var me = currentUser.Id;
        var decisions = db.GradeDecisions.AsNoTracking()
            .Where(d => d.QaById == me && d.QaAt != null && (d.QaStatus == QaStatus.Approved || d.QaStatus == QaStatus.Returned));
        var page = await DecidedOrder.PageAsync(
            decisions,
            request,
            PageSize,
            d => new QaDecidedRow(
                d.CaseId,
                db.Cases.Where(c => c.Id == d.CaseId).Select(c => c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName).First(),
                db.Cases.Where(c => c.Id == d.CaseId).Select(c => c.Apprentice!.Organisation!.Name).First(),
                d.Attempt,
                d.FinalGrade,
                d.QaStatus,
                d.QaAt!.Value,
                d.Id,
                d.ModeratedGrade),
            r => r.DecidedAt,
            r => r.DecisionId,
            cancellationToken);
        return new QaDecidedViewModel(page.Items, page.Previous, page.Next, page.Problem);
    }

    /// <summary>The queue's sort in the URL: <c>graded</c> (oldest first, the default) or <c>-graded</c> (newest first).</summary>
    public static string QueueSort(string? sort) => string.Equals(sort, "-graded", StringComparison.Ordinal) ? "-graded" : "graded";

    /// <summary>Graded cases whose grade awaits a quality assurer (all overrides and fails, and the sample), oldest
    /// first unless <paramref name="sort"/> asks for the newest.</summary>
    public async Task<QaQueueViewModel> QueueAsync(int page, string? sort = null, CancellationToken cancellationToken = default)
    {
        var (query, assessedByMe) = await PendingForMeAsync(cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await Rows(Ordered(query, sort).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
        return new QaQueueViewModel(rows.Select(QueueRow).ToList(), page, pages, total, options.Value.SamplePercent)
        {
            AssessedByYouCount = assessedByMe,
            Sort = QueueSort(sort),
        };
    }

    /// <summary>The whole queue this quality assurer may check, in its sort, for its CSV download (issue 21).</summary>
    public async Task<IReadOnlyList<QaQueueRow>> QueueExportAsync(string? sort, CancellationToken cancellationToken)
    {
        var (query, _) = await PendingForMeAsync(cancellationToken);
        var rows = await Rows(Ordered(query, sort).Take(ListExport.MaxRows)).ToListAsync(cancellationToken);
        return rows.Select(QueueRow).ToList();
    }

    public static readonly IReadOnlyList<string> QueueExportHeader = ["Case", "Apprentice", "Employer", "Standard", "Attempt", "Grade", "Computed grade", "Why checked", "Assessor", "Graded"];

    public static IReadOnlyList<string?> QueueExportCells(QaQueueRow row) =>
    [
        row.CaseId.ToString(CultureInfo.InvariantCulture), row.ApprenticeName, row.OrganisationName, row.StandardCode, row.Attempt, row.FinalGrade,
        row.ComputedGrade, string.Join(", ", row.Reasons.Select(QaSampling.Describe)), row.AssessorName, row.GradedAt,
    ];

    // The graded cases awaiting QA that this quality assurer may check, and how many they may not because they
    // assessed them (now, on an earlier attempt, or decided this grade): the case workflow refuses them, and the
    // queue leaves such cases to the other quality assurers. The cases of their decisions, judgements and notes
    // are read once each from the indexes by assessor (IN lists, not a lookup per waiting case): the cost follows
    // what this person assessed.
    private async Task<(IQueryable<PendingGrade> Query, int AssessedByMe)> PendingForMeAsync(CancellationToken cancellationToken)
    {
        var me = currentUser.Id;
        var pending =
            from c in db.Cases.AsNoTracking()
            where c.State == CaseState.Graded && !c.IsOnHold
            join d in db.GradeDecisions.AsNoTracking() on new { CaseId = c.Id, c.Attempt } equals new { d.CaseId, d.Attempt }
            where d.QaStatus == QaStatus.Pending
            select new PendingGrade { Case = c, Decision = d };

        var mine = pending.Where(x => x.Case.AssessorId == me
            || x.Decision.AssessorId == me
            || db.GradeDecisions.Where(g => g.AssessorId == me).Select(g => g.CaseId).Contains(x.Case.Id)
            || db.Judgements.Where(j => j.AssessorId == me).Select(j => j.CaseId).Contains(x.Case.Id)
            || db.AssessorNotes.Where(n => n.AssessorId == me).Select(n => n.CaseId).Contains(x.Case.Id));
        var assessedByMe = await mine.Select(x => x.Case.Id).ToListAsync(cancellationToken);
        return (pending.Where(x => !assessedByMe.Contains(x.Case.Id)), assessedByMe.Count);
    }

    private static IQueryable<PendingGrade> Ordered(IQueryable<PendingGrade> query, string? sort) =>
        QueueSort(sort) == "-graded"
            ? query.OrderByDescending(x => x.Decision.DecidedAt).ThenByDescending(x => x.Decision.Id)
            : query.OrderBy(x => x.Decision.DecidedAt).ThenBy(x => x.Decision.Id);

    private IQueryable<PendingGradeRow> Rows(IQueryable<PendingGrade> query) =>
        query.Select(x => new PendingGradeRow
        {
            Id = x.Case.Id,
            Attempt = x.Case.Attempt,
            AttemptKind = x.Case.AttemptKind,
            GivenNames = x.Case.Apprentice!.GivenNames,
            FamilyName = x.Case.Apprentice.FamilyName,
            Organisation = x.Case.Apprentice.Organisation!.Name,
            Reference = x.Case.StandardVersion!.Standard!.Reference,
            Version = x.Case.StandardVersion.Version,
            FinalGrade = x.Decision.FinalGrade,
            ComputedGrade = x.Decision.ComputedGrade,
            OverrideJustification = x.Decision.OverrideJustification,
            DecidedAt = x.Decision.DecidedAt,
            QaSampleReasons = x.Decision.QaSampleReasons,
            ReturnedByQa = db.GradeDecisions.Any(g => g.CaseId == x.Case.Id && g.Attempt == x.Case.Attempt && g.QaStatus == QaStatus.Returned),
            Assessor = db.Users.Where(u => u.Id == x.Decision.AssessorId).Select(u => u.DisplayName).FirstOrDefault(),
        });

    private static QaQueueRow QueueRow(PendingGradeRow r) => new(
        r.Id,
        $"{r.GivenNames} {r.FamilyName}",
        r.Organisation,
        DisplayNames.StandardVersion(r.Reference, r.Version),
        AttemptText(r.Attempt, r.AttemptKind),
        r.FinalGrade.ToString(),
        r.ComputedGrade != r.FinalGrade ? r.ComputedGrade.ToString() : null,
        QaReasons(r.QaSampleReasons, new QaSamplingFacts(r.FinalGrade, r.OverrideJustification is not null, r.ReturnedByQa)),
        r.Assessor ?? "(unknown)",
        UkTime.DateTime(r.DecidedAt));

    private sealed class PendingGrade
    {
        public required EpaCase Case { get; init; }

        public required GradeDecision Decision { get; init; }
    }

    private sealed class PendingGradeRow
    {
        public int Id { get; init; }

        public int Attempt { get; init; }

        public AttemptKind AttemptKind { get; init; }

        public required string GivenNames { get; init; }

        public required string FamilyName { get; init; }

        public required string Organisation { get; init; }

        public required string Reference { get; init; }

        public required string Version { get; init; }

        public Grade FinalGrade { get; init; }

        public Grade ComputedGrade { get; init; }

        public string? OverrideJustification { get; init; }

        public DateTimeOffset DecidedAt { get; init; }

        public string? QaSampleReasons { get; init; }

        public bool ReturnedByQa { get; init; }

        public string? Assessor { get; init; }
    }

    /// <summary>
    /// Everything the grade rests on, for the quality assurer: the case's facts (<paramref name="snapshot"/>: the
    /// decisions, notes, questions, interview and project) and one more command for the portfolio and project files,
    /// the names of the people who decided, the judgement and the employer reference. Reading it is audited (one insert).
    /// </summary>
    public async Task<QaCaseViewModel> CaseAsync(CaseSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var (epaCase, facts) = (snapshot.Case, snapshot.Facts);
        var caseId = epaCase.Id;
        var actor = commands.Actor;
        var approveProblems = workflow.Check(epaCase, CaseState.IqaApproved, actor, facts, reason: null);
        var returnProblems = workflow.Check(epaCase, CaseState.InterviewCompleted, actor, facts, reason: "check");
        var problems = epaCase.State == CaseState.Graded
            ? approveProblems.Concat(returnProblems).Distinct(StringComparer.Ordinal).ToList()
            : [$"This case is not awaiting quality assurance: it is '{DisplayNames.Of(epaCase.State)}'."];

        var version = facts.StandardVersion;
        var attempt = epaCase.Attempt;
        var apprentice = snapshot.Apprentice;
        var state = epaCase.State;
        var onHold = epaCase.IsOnHold;
        var attemptKind = epaCase.AttemptKind;

        var areaNames = version.Areas.ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal);
        var competencies = version.Competencies.OrderBy(c => c.Order).ToList();
        var competencyCodes = competencies.ToDictionary(c => c.Id, c => c.Code);

        var decisions = snapshot.Decisions;
        var decision = decisions.LastOrDefault(d => d.Attempt == attempt);
        var project = facts.Project is { } p && p.Attempt == attempt ? p : null;
        var projectId = project?.Id ?? 0;
        var row = await LoadRowAsync(caseId, attempt, projectId, cancellationToken);

        var names = row.Names.Select(n => (Id: n.AssessorId, Name: n.Assessor))
            .Concat(row.Names.Where(n => n.QaById is not null).Select(n => (Id: n.QaById!, Name: n.Qa)))
            .Where(n => n.Name is not null)
            .GroupBy(n => n.Id)
            .ToDictionary(g => g.Key, g => g.First().Name!);
        var items = row.Items.OrderBy(i => i.WorkDate).ThenBy(i => i.Id).ToList();
        var deliverables = row.Deliverables.OrderBy(f => f.UploadedAt).ThenBy(f => f.Id).ToList();
        var note = facts.AssessorNote is { } n && n.Attempt == attempt ? n : null;
        var questions = facts.InterviewQuestions.Where(q => q.Attempt == attempt).OrderBy(q => q.Order).ToList();
        var interview = facts.Interview is { } i && i.Attempt == attempt ? i : null;
        var judgement = row.JudgementId is null ? null : new { Areas = row.Areas, CompetencyEvidence = row.Evidence, CriterionResults = row.Criteria };
        var reference = row.Reference;
        var sections = reference is null ? [] : row.Sections.Where(x => x.ReferenceId == reference.Id).ToList();

        var labels = new EvidenceLabels(
            caseId,
            items.ToDictionary(i => i.Id, i => i.Title),
            deliverables.ToDictionary(f => f.Id, f => f.OriginalFileName),
            areaNames,
            questions.ToDictionary(q => q.Id, q => q.Text));

        var areas = version.Areas.OrderBy(a => a.Order)
            .Select(a => judgement?.Areas.FirstOrDefault(x => x.AreaCode == a.Code) is { } area
                ? new AreaJudgementView(a.Name, area.Level?.ToString(), area.Rationale)
                : new AreaJudgementView(a.Name, null, null))
            .Where(a => version.Scheme == GradingScheme.HolisticAreas || a.Level is not null)
            .ToList();
        var competencyEvidence = competencies
            .Select(c => new CompetencyEvidenceView(
                c.Code,
                c.Label,
                areaNames.GetValueOrDefault(c.AreaCode, c.AreaCode),
                (judgement?.CompetencyEvidence.FirstOrDefault(e => e.CompetencyId == c.Id)?.EvidenceRefs ?? []).Select(labels.Describe).ToList()))
            .ToList();
        var criteria = version.Criteria
            .OrderBy(c => version.Methods.IndexOf(c.Method)).ThenBy(c => c.Level).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new CriterionView(Capitalise(DisplayNames.Of(c.Method)), c.Code, c.Text, c.Level.ToString(), judgement?.CriterionResults.FirstOrDefault(r => r.CriterionId == c.Id)?.Met))
            .ToList();

        var conclusions = note is null ? [] : Conclusions(note.Conclusions, version, competencies, areaNames, labels);
        var grade = decision is null ? null : GradeOf(decision, facts.GradeReturnedByQa, names);
        var earlier = Earlier(decisions, decision, names);

        var model = new QaCaseViewModel(
            caseId,
            apprentice.FullName,
            apprentice.Uln,
            snapshot.OrganisationName,
            DisplayNames.Of(version),
            DisplayNames.Of(version.Scheme),
            AttemptText(attempt, attemptKind),
            DisplayNames.Of(state),
            onHold,
            grade,
            areas,
            competencyEvidence,
            criteria,
            note?.Notes,
            conclusions,
            interview is null ? null : InterviewOf(interview),
            Questions(questions, competencyCodes),
            items.Select(i => new EvidenceItemView(
                i.Id,
                i.Title,
                i.ProjectName,
                UkTime.Date(i.WorkDate),
                i.Description,
                i.Mappings.Select(m => competencyCodes.GetValueOrDefault(m, "?")).Order(StringComparer.Ordinal).ToList(),
                i.CurrentFile is { } file ? File(file) : null,
                i.Versions)).ToList(),
            project is null ? null : ProjectOf(project, deliverables),
            reference is null ? null : new ReferenceView(
                reference.Status == ReferenceStatus.Submitted && reference.SubmittedAt is { } sent ? $"Submitted {UkTime.DateTime(sent)}" : "Not submitted",
                reference.RefereeName is null ? null : $"{reference.RefereeName}, {reference.RefereeJobTitle}",
                version.Areas.OrderBy(a => a.Order)
                    .Select(a => new ReferenceSectionView(a.Name, sections.FirstOrDefault(s => s.AreaCode == a.Code)?.Narrative))
                    .ToList()),
            earlier,
            CanApprove: state == CaseState.Graded && approveProblems.Count == 0,
            CanReturn: state == CaseState.Graded && returnProblems.Count == 0,
            problems)
        {
            // A sampled grade awaiting QA may be moderated instead of approved (ADR 27); a moderation also approves it.
            CanModerate = state == CaseState.Graded && approveProblems.Count == 0 && decision?.QaStatus == QaStatus.Pending,
            Moderate = new ModerateGradeInput { Recommendation = decision?.Recommendation },
            Adjustments = [.. facts.ApprovedAdjustments.Select(a => $"{Domain.Adjustments.ReasonableAdjustment.TypeName(a.Type)}: {a.Effect}" + (a.Summary is null ? string.Empty : $". {a.Summary}"))],
        };

        // The assessor's notes and the unreleased grade are confidential: every reading is on record (committed
        // with the other readers' of the moment, ADR 28, before the page is shown).
        await reads.AppendAsync(audit.Entry(QaCaseRead, caseId, $"Attempt {attempt.ToString(CultureInfo.InvariantCulture)}: evidence, notes, judgements and grade read for quality assurance"), cancellationToken);
        return model;
    }

    // Everything the QA case page needs beyond the case's facts, in one command: the portfolio and project files,
    // the names of the people who decided, the judgement and the employer reference.
    private Task<QaCaseRow> LoadRowAsync(int caseId, int attempt, int projectId, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new QaCaseRow
            {
                Items = db.EvidenceItems.Where(e => e.CaseId == c.Id && e.CaseId == caseId && e.RemovedAt == null)
                    .Select(e => new QaItemRow
                    {
                        Id = e.Id,
                        Title = e.Title,
                        ProjectName = e.ProjectName,
                        WorkDate = e.WorkDate,
                        Description = e.Description,
                        CurrentFile = e.CurrentFile,
                        Versions = e.Versions.Count,
                        Mappings = e.Mappings.Select(m => m.CompetencyId).ToList(),
                    })
                    .ToList(),
                Deliverables = db.StoredFiles.Where(f => f.CaseId == c.Id && f.CaseId == caseId && f.ProjectSubmissionId == projectId && f.Purpose == FilePurpose.ProjectDeliverable).ToList(),
                Names = db.GradeDecisions.Where(d => d.CaseId == c.Id && d.CaseId == caseId)
                    .Select(d => new QaNameRow
                    {
                        AssessorId = d.AssessorId,
                        Assessor = db.Users.Where(u => u.Id == d.AssessorId).Select(u => u.DisplayName).FirstOrDefault(),
                        QaById = d.QaById,
                        Qa = db.Users.Where(u => u.Id == d.QaById).Select(u => u.DisplayName).FirstOrDefault(),
                    })
                    .ToList(),
                JudgementId = db.Judgements.Where(j => j.CaseId == c.Id && j.CaseId == caseId && j.Attempt == attempt)
                    .OrderByDescending(j => j.UpdatedAt).ThenByDescending(j => j.Id)
                    .Select(j => (int?)j.Id)
                    .FirstOrDefault(),
                Areas = db.Judgements.Where(j => j.CaseId == c.Id && j.CaseId == caseId && j.Attempt == attempt).SelectMany(j => j.Areas).ToList(),
                Evidence = db.Judgements.Where(j => j.CaseId == c.Id && j.CaseId == caseId && j.Attempt == attempt).SelectMany(j => j.CompetencyEvidence).ToList(),
                Criteria = db.Judgements.Where(j => j.CaseId == c.Id && j.CaseId == caseId && j.Attempt == attempt).SelectMany(j => j.CriterionResults).ToList(),
                Reference = db.EmployerReferences.Where(r => r.CaseId == c.Id && r.CaseId == caseId)
                    .OrderByDescending(r => r.Id)
                    .Select(r => new QaReferenceRow { Id = r.Id, Status = r.Status, SubmittedAt = r.SubmittedAt, RefereeName = r.RefereeName, RefereeJobTitle = r.RefereeJobTitle })
                    .FirstOrDefault(),
                Sections = db.EmployerReferences.Where(r => r.CaseId == c.Id && r.CaseId == caseId)
                    .SelectMany(r => r.Sections, (r, x) => new QaSectionRow { ReferenceId = r.Id, AreaCode = x.AreaCode, Narrative = x.Narrative })
                    .ToList(),
            })
            .AsSingleQuery()
            .SingleAsync(cancellationToken);

    private sealed class QaCaseRow
    {
        public required List<QaItemRow> Items { get; init; }

        public required List<StoredFile> Deliverables { get; init; }

        public required List<QaNameRow> Names { get; init; }

        public int? JudgementId { get; init; }

        public required List<AreaJudgement> Areas { get; init; }

        public required List<CompetencyEvidence> Evidence { get; init; }

        public required List<CriterionResult> Criteria { get; init; }

        public QaReferenceRow? Reference { get; init; }

        public required List<QaSectionRow> Sections { get; init; }
    }

    private sealed class QaItemRow
    {
        public int Id { get; init; }

        public required string Title { get; init; }

        public required string ProjectName { get; init; }

        public DateOnly WorkDate { get; init; }

        public required string Description { get; init; }

        public StoredFile? CurrentFile { get; init; }

        public int Versions { get; init; }

        public required List<int> Mappings { get; init; }
    }

    private sealed class QaNameRow
    {
        public required string AssessorId { get; init; }

        public string? Assessor { get; init; }

        public string? QaById { get; init; }

        public string? Qa { get; init; }
    }

    private sealed class QaReferenceRow
    {
        public int Id { get; init; }

        public ReferenceStatus Status { get; init; }

        public DateTimeOffset? SubmittedAt { get; init; }

        public string? RefereeName { get; init; }

        public string? RefereeJobTitle { get; init; }
    }

    private sealed class QaSectionRow
    {
        public int ReferenceId { get; init; }

        public required string AreaCode { get; init; }

        public string? Narrative { get; init; }
    }

    private static InterviewView InterviewOf(Interview interview) => new(
        UkTime.DateTime(interview.StartsAt),
        interview.DurationMinutes,
        interview.Mode == InterviewMode.VideoCall ? "Video call" : "In person",
        interview.Location,
        interview.CompletedAt is { } done ? UkTime.DateTime(done) : null,
        interview.ScheduleOverrideReason);

    private static List<QuestionView> Questions(List<InterviewQuestion> questions, Dictionary<int, string> competencyCodes) =>
        questions.Select(q => new QuestionView(
            q.Id,
            q.Order,
            q.Text,
            DisplayNames.Words(q.Origin.ToString()),
            q.Asked,
            q.AnswerSummary,
            q.EvidencedCompetencyIds.Select(id => competencyCodes.GetValueOrDefault(id, id.ToString(CultureInfo.InvariantCulture))).ToList())).ToList();

    private static ProjectView ProjectOf(ProjectSubmission project, List<StoredFile> deliverables) => new(
        project.BriefTitle,
        project.BriefText,
        $"{UkTime.DateTime(project.WindowOpensAt)} to {UkTime.DateTime(project.WindowClosesAt)}",
        project.ExtendedUntil is { } until ? $"Extended until {UkTime.DateTime(until)}: {project.ExtensionReason}" : null,
        project.SubmittedAt is { } submitted ? UkTime.DateTime(submitted) : null,
        project.Summary,
        deliverables.Select(File).ToList(),
        project.ScheduleOverrideReason);

    // The assessor's initial conclusions in the standard's order: the overall ones first, then by area and competency.
    private static List<ConclusionView> Conclusions(IReadOnlyList<InitialConclusion> conclusions, StandardVersion version, List<Competency> competencies, Dictionary<string, string> areaNames, EvidenceLabels labels) =>
        conclusions
            .OrderBy(c => c.CompetencyId is null ? 0 : 1)
            .ThenBy(c => c.AreaCode is null ? int.MaxValue : version.Areas.FirstOrDefault(a => a.Code == c.AreaCode)?.Order ?? int.MaxValue)
            .ThenBy(c => competencies.FindIndex(x => x.Id == c.CompetencyId))
            .Select(c => new ConclusionView(
                c.CompetencyId is { } id && competencies.FirstOrDefault(x => x.Id == id) is { } competency
                    ? $"{competency.Code} {competency.Label}"
                    : areaNames.GetValueOrDefault(c.AreaCode ?? string.Empty, c.AreaCode ?? "(area)"),
                Level(c.Level),
                c.EvidenceRefs.Select(labels.Describe).ToList(),
                c.Comment))
            .ToList();

    // The grade under check, with the reasons it was checked.
    private static GradeView GradeOf(GradeDecision decision, bool returnedThisAttempt, Dictionary<string, string> names) => new(
        decision.ComputedGrade.ToString(),
        decision.FinalGrade.ToString(),
        decision.FinalGrade == Grade.Fail,
        decision.OverrideJustification,
        decision.CappedFrom?.ToString(),
        decision.Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        decision.Feedback,
        decision.Recommendation is { } next ? Capitalise(DisplayNames.Of(next)) : null,
        QaStatusText(decision.QaStatus),
        QaReasons(decision.QaSampleReasons, QaSamplingFacts.Of(decision, returnedThisAttempt)),
        UkTime.DateTime(decision.DecidedAt),
        names.GetValueOrDefault(decision.AssessorId, "(unknown)"))
    {
        ModeratedGrade = decision.ModeratedGrade?.ToString(),
        ModerationReason = decision.ModerationReason,
    };

    // The case's earlier grades that quality assurance approved or returned.
    private static List<EarlierDecisionView> Earlier(IReadOnlyList<GradeDecision> decisions, GradeDecision? current, Dictionary<string, string> names) =>
        decisions.Where(d => d != current && d.QaStatus is QaStatus.Returned or QaStatus.Approved)
            .Select(d => new EarlierDecisionView(
                d.Attempt,
                d.FinalGrade.ToString(),
                QaStatusText(d.QaStatus),
                d.QaById is null ? null : names.GetValueOrDefault(d.QaById, "(unknown)"),
                d.QaAt is { } at ? UkTime.DateTime(at) : null,
                d.QaReturnReason))
            .ToList();

    /// <summary>Approves the grade (Graded → IqaApproved); the case workflow stamps the QA decision date.</summary>
    public Task<CommandResult> ApproveAsync(CaseSnapshot snapshot, CancellationToken cancellationToken = default) =>
        commands.TransitionAsync(snapshot, CaseState.IqaApproved, reason: null, cancellationToken: cancellationToken);

    /// <summary>Returns the grade to the assessor with a reason; the assessor is told by e-mail (without the reason).</summary>
    public Task<CommandResult> ReturnAsync(CaseSnapshot snapshot, CaseState target, string reason, CancellationToken cancellationToken = default) =>
        commands.RunAsync(snapshot, async (epaCase, facts) =>
        {
            var outcome = workflow.Transition(epaCase, target, commands.Actor, facts, reason);
            if (outcome.Succeeded)
            {
                await notifier.CaseReturnedByQaAsync(epaCase.Id, cancellationToken);
            }

            return outcome;
        }, cancellationToken);

    /// <summary>
    /// Moderates the grade (issue 21, item 5, ADR 27): the domain's <see cref="Moderation.Problems"/> decide whether it
    /// may be recorded; the moderated grade is kept beside the assessor's and the grade is approved (Graded to
    /// IqaApproved), so release is unchanged. The audit entry records both grades; the assessor is told by e-mail
    /// (no grade, no reason). One save, one transaction.
    /// </summary>
    public Task<CommandResult> ModerateAsync(CaseSnapshot snapshot, ModerationRequest request, CancellationToken cancellationToken = default) =>
        commands.RunAsync(snapshot, async (epaCase, facts) =>
        {
            if (facts.GradeDecision is not { } decision || decision.Attempt != epaCase.Attempt)
            {
                return CaseOutcome.Refused(["There is no grade to quality-assure."]);
            }

            var actor = commands.Actor;
            var problems = workflow.Check(epaCase, CaseState.IqaApproved, actor, facts, reason: null)
                .Concat(Moderation.Problems(decision.QaStatus, decision.FinalGrade, epaCase.AttemptKind, facts.StandardVersion.Settings.ResitGradeCap, epaCase.ExceptionalCircumstances, request))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (problems.Count > 0)
            {
                return CaseOutcome.Refused(problems);
            }

            var assessorGrade = decision.FinalGrade;
            decision.Moderate(request.Grade!.Value, request.Reason!, request.Recommendation, actor.UserId, clock.GetUtcNow());
            var outcome = workflow.Transition(epaCase, CaseState.IqaApproved, actor, facts, reason: null);
            if (outcome.Succeeded)
            {
                var next = decision.ModerationRecommendation is { } step ? $"; next step {DisplayNames.Of(step)}" : string.Empty;
                audit.Add(GradeModerated, epaCase.Id, $"Attempt {epaCase.Attempt.ToString(CultureInfo.InvariantCulture)}: assessor's grade {assessorGrade}, moderated grade {decision.ModeratedGrade}{next}", decision.ModerationReason);
                await notifier.GradeModeratedAsync(epaCase.Id, cancellationToken);
            }

            return outcome;
        }, cancellationToken);

    /// <summary>Why a grade awaiting QA is checked: the reasons recorded when it was decided (issue 21, item 4);
    /// for a decision made before they were recorded, what the sampling rule always sends to QA, else the sample.</summary>
    public static IReadOnlyList<QaSampleReason> QaReasons(string? recorded, QaSamplingFacts facts) =>
        QaSampling.Parse(recorded) is { Count: > 0 } stored ? stored
            : QaSampling.Mandatory(facts) is { Count: > 0 } mandatory ? mandatory : [QaSampleReason.RandomSample];

    public static string AttemptText(int attempt, AttemptKind kind) =>
        kind == AttemptKind.First ? $"Attempt {attempt.ToString(CultureInfo.InvariantCulture)}" : $"Attempt {attempt.ToString(CultureInfo.InvariantCulture)} ({DisplayNames.Of(kind)})";

    private static string QaStatusText(QaStatus status) => status switch
    {
        QaStatus.Pending => "Awaiting quality assurance",
        QaStatus.NotSampled => "Not sampled for quality assurance",
        QaStatus.Approved => "Approved by quality assurance",
        QaStatus.Returned => "Returned to the assessor",
        _ => status.ToString(),
    };

    private static string Level(InitialLevel level) => level switch
    {
        InitialLevel.NotYetEvident => "Not yet evident",
        _ => level.ToString(),
    };

    private static FileView File(StoredFile file) => new(file.Id, file.OriginalFileName, Size(file.SizeBytes));

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} MB",
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// Turns a stored citation ("PortfolioItem:12") into what a reader recognises, from the case's own
    /// records: the kind of evidence, its title and a link to it (the item, the file, or its place on this page).
    /// </summary>
    private sealed class EvidenceLabels(
        int caseId,
        Dictionary<int, string> items,
        Dictionary<Guid, string> files,
        Dictionary<string, string> areas,
        Dictionary<int, string> questions)
    {
        public EvidenceRefView Describe(string text)
        {
            if (!EvidenceReference.TryParse(text, out var reference))
            {
                return new("Unrecognised evidence", "a citation the portal cannot read", null);
            }

            var id = reference.Id;
            return reference.Source switch
            {
                EvidenceSource.PortfolioItem when int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var itemId) && items.TryGetValue(itemId, out var title)
                    => new("Portfolio", title, string.Create(CultureInfo.InvariantCulture, $"/cases/{caseId}/portfolio/items/{itemId}")),
                EvidenceSource.PortfolioItem => new("Portfolio", "an item no longer in the portfolio", null),
                EvidenceSource.ProjectFile when Guid.TryParse(id, out var fileId) && files.TryGetValue(fileId, out var name)
                    => new("Synoptic project", name, $"/evidence/files/{fileId:D}"),
                EvidenceSource.ProjectFile => new("Synoptic project", "a file not in this attempt's project", null),
                EvidenceSource.ReferenceSection => new("Employer reference", areas.GetValueOrDefault(id, id), "#reference"),
                EvidenceSource.InterviewAnswer when int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var questionId) && questions.TryGetValue(questionId, out var question)
                    => new("Interview answer", Shorten(question), string.Create(CultureInfo.InvariantCulture, $"#question-{questionId}")),
                EvidenceSource.InterviewAnswer => new("Interview answer", "a question not in this attempt's interview", null),
                _ => new("Evidence", text, null),
            };
        }

        private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
    }
}
