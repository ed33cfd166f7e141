using System.Linq.Expressions;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Evidence;
using EpaPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Features.Assessor;

/// <summary>One piece of evidence an assessor can cite: its reference text ("PortfolioItem:12") and a label.</summary>
public sealed record EvidenceOption(string Ref, EvidenceSource Source, string Label, IReadOnlyList<int> MappedCompetencyIds);

/// <summary>
/// Everything of one case's current attempt that a judgement can cite, across the four methods: the
/// portfolio items (with the competencies the apprentice mapped them to), the project deliverables, the
/// sections of the submitted employer reference and (once recorded) the interview answers. Citations are
/// checked against it, so a judgement never cites evidence of another case.
/// </summary>
public sealed class EvidenceCatalogue(IReadOnlyList<EvidenceOption> options)
{
    private readonly Dictionary<string, EvidenceOption> _byRef = options.ToDictionary(o => o.Ref, StringComparer.Ordinal);

    public IReadOnlyList<EvidenceOption> Options { get; } = options;

    public static string GroupName(EvidenceSource source) => source switch
    {
        EvidenceSource.PortfolioItem => "Portfolio",
        EvidenceSource.ProjectFile => "Synoptic project",
        EvidenceSource.ReferenceSection => "Employer reference",
        EvidenceSource.InterviewAnswer => "Interview",
        _ => source.ToString(),
    };

    public bool Contains(string reference) => _byRef.ContainsKey(reference);

    public string Describe(string reference) => _byRef.TryGetValue(reference, out var option) ? option.Label : reference;

    /// <summary>Portfolio items the apprentice mapped to the competency.</summary>
    public int MappedPortfolioCount(int competencyId) =>
        Options.Count(o => o.Source == EvidenceSource.PortfolioItem && o.MappedCompetencyIds.Contains(competencyId));

    /// <summary>
    /// Whether the option is evidence for one of <paramref name="competencyIds"/> by a mapping someone made: the
    /// apprentice's mapping of a portfolio item, the standard's areas for a reference section, the assessor's
    /// "evidenced" competencies for an interview answer. Project files carry no mapping.
    /// </summary>
    public static bool IsMapped(EvidenceOption option, IReadOnlyCollection<int> competencyIds) =>
        option.MappedCompetencyIds.Any(competencyIds.Contains);

    /// <summary>
    /// Whether the citation matrix shows the option at once for <paramref name="competencyIds"/> (the rest sit
    /// behind "show all evidence"): mapped evidence, and the synoptic project's files and the interview's
    /// answers, which usually speak to many competencies and are few.
    /// </summary>
    public static bool IsShownFirst(EvidenceOption option, IReadOnlyCollection<int> competencyIds) =>
        option.Source is EvidenceSource.ProjectFile or EvidenceSource.InterviewAnswer || IsMapped(option, competencyIds);

    /// <summary>
    /// The citations offered ticked for a competency nobody has judged yet: the evidence mapped to it (see
    /// <see cref="IsMapped"/>) and what the assessor cited for it in the initial conclusions, in catalogue
    /// order. Only references of this catalogue are suggested.
    /// </summary>
    public List<string> Suggested(int competencyId, IEnumerable<string> initialConclusionRefs)
    {
        var initial = initialConclusionRefs.ToHashSet(StringComparer.Ordinal);
        int[] competency = [competencyId];
        return Options.Where(o => IsMapped(o, competency) || initial.Contains(o.Ref)).Select(o => o.Ref).ToList();
    }

    /// <summary>The references that are not in this catalogue (another case's, removed, or malformed).</summary>
    public IReadOnlyList<string> Unknown(IEnumerable<string> references) =>
        references.Where(r => !string.IsNullOrWhiteSpace(r) && !Contains(r)).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>
/// Reads a case's <see cref="EvidenceCatalogue"/> in one command: the four lists as one UNION ALL of flat rows
/// (a row per item and mapped competency, file, section, and answer and evidenced competency), so the rows
/// sent are about as many as the options and their mappings; four collections in one joined query would
/// send their product.
/// </summary>
public sealed class EvidenceCatalogueService(PortalDbContext db)
{
    public async Task<EvidenceCatalogue> ForCaseAsync(int caseId, int attempt, StandardOutline outline, CancellationToken cancellationToken)
    {
        var rows = await CompiledRows(db, caseId, attempt).ToListAsync(cancellationToken);
        var competencies = rows.Where(r => r.Competency is not null).ToLookup(r => (r.Source, r.Number), r => r.Competency!.Value);
        rows = rows.DistinctBy(r => (r.Source, r.Number, r.FileId, r.Text)).ToList();

        var options = new List<EvidenceOption>();
        options.AddRange(rows.Where(r => r.Source == EvidenceSource.PortfolioItem).OrderBy(i => i.Number).Select(i => new EvidenceOption(
            new EvidenceReference(EvidenceSource.PortfolioItem, i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString(),
            EvidenceSource.PortfolioItem,
            $"Portfolio item {i.Number}: {i.Text} ({i.Detail})",
            competencies[(EvidenceSource.PortfolioItem, i.Number)].ToList())));
        options.AddRange(rows.Where(r => r.Source == EvidenceSource.ProjectFile).OrderBy(f => f.At).ThenBy(f => f.FileId).Select(f => new EvidenceOption(
            new EvidenceReference(EvidenceSource.ProjectFile, f.FileId!.Value.ToString("D")).ToString(),
            EvidenceSource.ProjectFile,
            $"Project file: {f.Text}",
            [])));
        var sectionCodes = rows.Where(r => r.Source == EvidenceSource.ReferenceSection).Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
        options.AddRange(outline.Areas.Where(a => sectionCodes.Contains(a.Code)).Select(a => new EvidenceOption(
            new EvidenceReference(EvidenceSource.ReferenceSection, a.Code).ToString(),
            EvidenceSource.ReferenceSection,
            $"Employer reference: {a.Name}",
            a.Competencies.Select(c => c.Id).ToList())));
        options.AddRange(rows.Where(r => r.Source == EvidenceSource.InterviewAnswer).OrderBy(a => a.Order).Select(a => new EvidenceOption(
            new EvidenceReference(EvidenceSource.InterviewAnswer, a.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString(),
            EvidenceSource.InterviewAnswer,
            $"Interview answer {a.Order}: {a.Text}",
            a.Competencies ?? [])));

        return new EvidenceCatalogue(options);
    }

    /// <summary>
    /// The catalogue's one command, written once: compiled (EF builds and caches its SQL once, instead of hashing
    /// the four-part expression on every page) and, through <see cref="Query"/>, as a query (a test translates
    /// it for SQL Server too). The files come first: a column's type mapping comes from the first branch that
    /// has one, and only the files have a time (stored with the portal's DateTimeOffset converter, not SQLite's
    /// default text).
    /// </summary>
    private static readonly Expression<Func<PortalDbContext, int, int, IQueryable<CatalogueRow>>> Rows = (db, caseId, attempt) =>
        db.StoredFiles.Where(f => f.CaseId == caseId && f.Purpose == FilePurpose.ProjectDeliverable
                && db.ProjectSubmissions.Any(p => p.Id == f.ProjectSubmissionId && p.Attempt == attempt))
            .Select(f => new CatalogueRow
            {
                Source = EvidenceSource.ProjectFile, Number = 0, FileId = (Guid?)f.Id, Text = f.OriginalFileName, Detail = null, At = (DateTimeOffset?)f.UploadedAt,
                Competency = null, Competencies = null, Order = 0,
            })
            .Concat(db.EvidenceItems.Where(e => e.CaseId == caseId && e.RemovedAt == null)
                .SelectMany(e => e.Mappings.Select(m => (int?)m.CompetencyId).DefaultIfEmpty(), (e, competency) => new CatalogueRow
                {
                    Source = EvidenceSource.PortfolioItem, Number = e.Id, FileId = null, Text = e.Title, Detail = e.ProjectName, At = null,
                    Competency = competency, Competencies = null, Order = 0,
                }))
            .Concat(db.EmployerReferences.Where(r => r.CaseId == caseId && r.Status == ReferenceStatus.Submitted)
                .SelectMany(r => r.Sections)
                .Where(s => s.Narrative != null && s.Narrative != string.Empty)
                .Select(s => new CatalogueRow
                {
                    Source = EvidenceSource.ReferenceSection, Number = 0, FileId = null, Text = s.AreaCode, Detail = null, At = null,
                    Competency = null, Competencies = null, Order = 0,
                }))
            .Concat(db.InterviewQuestions.Where(q => q.CaseId == caseId && q.Attempt == attempt && q.Asked == true && q.AnswerSummary != null && q.AnswerSummary != string.Empty)
                .Select(q => new CatalogueRow
                {
                    Source = EvidenceSource.InterviewAnswer, Number = q.Id, FileId = null, Text = q.Text, Detail = null, At = null,
                    Competency = null, Competencies = q.EvidencedCompetencyIds, Order = q.Order,
                }))
            .AsNoTracking();

    private static readonly Func<PortalDbContext, int, int, IAsyncEnumerable<CatalogueRow>> CompiledRows = EF.CompileAsyncQuery(Rows);

    private static readonly Func<PortalDbContext, int, int, IQueryable<CatalogueRow>> RowsQuery = Rows.Compile();

    internal static IQueryable<CatalogueRow> Query(PortalDbContext db, int caseId, int attempt) => RowsQuery(db, caseId, attempt);

    // One shape for the four lists of the UNION ALL (every branch sets every member, in the same order).
    internal sealed class CatalogueRow
    {
        public EvidenceSource Source { get; init; }

        public int Number { get; init; }

        public Guid? FileId { get; init; }

        public string Text { get; init; } = "";

        public string? Detail { get; init; }

        public DateTimeOffset? At { get; init; }

        public int? Competency { get; init; }

        public List<int>? Competencies { get; init; }

        public int Order { get; init; }
    }
}
