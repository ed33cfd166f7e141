namespace EpaPortal.Web.Features.Assessor;

/// <summary>A multiple choice of the case's evidence, for one conclusion or judgement.</summary>
/// <param name="Name">The form field name (posted once per chosen reference).</param>
/// <param name="Id">The element id (for its label).</param>
/// <param name="Label">The visible label.</param>
/// <param name="Selected">The references chosen now.</param>
/// <param name="Catalogue">The case's evidence.</param>
/// <param name="HighlightCompetencyId">A competency whose mapped portfolio items are listed first.</param>
/// <param name="Disabled">Read-only.</param>
public sealed record EvidenceSelectModel(string Name, string Id, string Label, IReadOnlyCollection<string> Selected, EvidenceCatalogue Catalogue, int? HighlightCompetencyId, bool Disabled);
