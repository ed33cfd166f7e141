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

    /// <summary>The references that are not in this catalogue (another case's, removed, or malformed).</summary>
    public IReadOnlyList<string> Unknown(IEnumerable<string> references) =>
        references.Where(r => !string.IsNullOrWhiteSpace(r) && !Contains(r)).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>Reads a case's <see cref="EvidenceCatalogue"/> in one command (the case row with its four lists).</summary>
public sealed class EvidenceCatalogueService(PortalDbContext db)
{
    public async Task<EvidenceCatalogue> ForCaseAsync(int caseId, int attempt, StandardOutline outline, CancellationToken cancellationToken)
    {
        var row = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new
            {
                Items = db.EvidenceItems.Where(e => e.CaseId == c.Id && e.CaseId == caseId && e.RemovedAt == null)
                    .Select(e => new { e.Id, e.Title, e.ProjectName, Competencies = e.Mappings.Select(m => m.CompetencyId).ToList() })
                    .ToList(),
                Files = db.StoredFiles.Where(f => f.CaseId == c.Id && f.CaseId == caseId && f.Purpose == FilePurpose.ProjectDeliverable
                        && db.ProjectSubmissions.Any(p => p.Id == f.ProjectSubmissionId && p.Attempt == attempt))
                    .Select(f => new { f.Id, f.OriginalFileName, f.UploadedAt })
                    .ToList(),
                Sections = db.EmployerReferences.Where(r => r.CaseId == c.Id && r.CaseId == caseId && r.Status == ReferenceStatus.Submitted)
                    .SelectMany(r => r.Sections)
                    .Where(s => s.Narrative != null && s.Narrative != string.Empty)
                    .Select(s => s.AreaCode)
                    .ToList(),
                Answers = db.InterviewQuestions.Where(q => q.CaseId == c.Id && q.CaseId == caseId && q.Attempt == attempt && q.Asked == true && q.AnswerSummary != null && q.AnswerSummary != string.Empty)
                    .Select(q => new { q.Id, q.Order, q.Text, q.EvidencedCompetencyIds })
                    .ToList(),
            })
            .AsSingleQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return new EvidenceCatalogue([]);
        }

        var options = new List<EvidenceOption>();
        options.AddRange(row.Items.OrderBy(i => i.Id).Select(i => new EvidenceOption(
            new EvidenceReference(EvidenceSource.PortfolioItem, i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString(),
            EvidenceSource.PortfolioItem,
            $"Portfolio item {i.Id}: {i.Title} ({i.ProjectName})",
            i.Competencies)));
        options.AddRange(row.Files.OrderBy(f => f.UploadedAt).ThenBy(f => f.Id).Select(f => new EvidenceOption(
            new EvidenceReference(EvidenceSource.ProjectFile, f.Id.ToString("D")).ToString(),
            EvidenceSource.ProjectFile,
            $"Project file: {f.OriginalFileName}",
            [])));
        options.AddRange(outline.Areas.Where(a => row.Sections.Contains(a.Code)).Select(a => new EvidenceOption(
            new EvidenceReference(EvidenceSource.ReferenceSection, a.Code).ToString(),
            EvidenceSource.ReferenceSection,
            $"Employer reference: {a.Name}",
            a.Competencies.Select(c => c.Id).ToList())));
        options.AddRange(row.Answers.OrderBy(a => a.Order).Select(a => new EvidenceOption(
            new EvidenceReference(EvidenceSource.InterviewAnswer, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString(),
            EvidenceSource.InterviewAnswer,
            $"Interview answer {a.Order}: {Shorten(a.Text, 70)}",
            a.EvidencedCompetencyIds)));

        return new EvidenceCatalogue(options);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";
}
