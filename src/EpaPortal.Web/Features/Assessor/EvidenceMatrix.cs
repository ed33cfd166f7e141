namespace EpaPortal.Web.Features.Assessor;

/// <summary>
/// The citation matrix of one conclusion or judgement row: the case's evidence as tick boxes with full titles,
/// the evidence mapped to the row's competencies (and the project's files and the interview's answers) shown
/// at once, the rest behind "show all evidence".
/// </summary>
/// <param name="Name">The form field name (posted once per ticked reference).</param>
/// <param name="Id">The fieldset's id; the tick boxes' ids start with it.</param>
/// <param name="Legend">The fieldset's legend (read out with every tick box).</param>
/// <param name="Selected">The references ticked now.</param>
/// <param name="Catalogue">The case's evidence.</param>
/// <param name="CompetencyIds">The competencies of the row (one, or an area's).</param>
/// <param name="CaseId">The case, for the links that preview an item or a file.</param>
public sealed record EvidenceMatrixModel(string Name, string Id, string Legend, IReadOnlyCollection<string> Selected, EvidenceCatalogue Catalogue, IReadOnlyCollection<int> CompetencyIds, int CaseId);

/// <summary>A choice of competencies as tick boxes (a question's probed or evidenced competencies).</summary>
/// <param name="Name">The form field name (posted once per ticked competency).</param>
/// <param name="Id">The fieldset's id; the tick boxes' ids start with it.</param>
/// <param name="Legend">The fieldset's legend.</param>
/// <param name="Competencies">The competencies offered, in order.</param>
/// <param name="Selected">The competencies ticked now.</param>
public sealed record CompetencyChecksModel(string Name, string Id, string Legend, IReadOnlyList<CompetencyInfo> Competencies, IReadOnlyCollection<int> Selected);
