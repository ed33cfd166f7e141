using EpaPortal.Domain.Assessment;
using EpaPortal.Web.Features.Assessor;

namespace EpaPortal.Web.Features.Interviews;

/// <summary>A question the portal proposes for one competency, and why.</summary>
public sealed record ProposedQuestion(CompetencyInfo Competency, string Why, string Text);

/// <summary>
/// Proposes an interview question for every competency with weak or missing evidence: no portfolio item
/// mapped to it, or an initial conclusion of Below or "not yet evident". A competency that a question
/// already probes gets no proposal. The text comes from the competency's statement in the standard; the
/// assessor edits it, adds it or leaves it.
/// </summary>
public static class QuestionSuggestions
{
    public static IReadOnlyList<ProposedQuestion> Propose(
        StandardOutline outline,
        EvidenceCatalogue evidence,
        IReadOnlyDictionary<int, InitialLevel> conclusions,
        IReadOnlySet<int> probedCompetencyIds)
    {
        var proposals = new List<ProposedQuestion>();
        foreach (var competency in outline.Competencies)
        {
            if (probedCompetencyIds.Contains(competency.Id))
            {
                continue;
            }

            var reasons = new List<string>();
            if (evidence.MappedPortfolioCount(competency.Id) == 0)
            {
                reasons.Add("no portfolio evidence is mapped to it");
            }

            if (conclusions.TryGetValue(competency.Id, out var level) && level is InitialLevel.Below or InitialLevel.NotYetEvident)
            {
                reasons.Add($"your initial conclusion is {InitialLevels.Label(level)}");
            }

            if (reasons.Count > 0)
            {
                var why = char.ToUpperInvariant(reasons[0][0]) + string.Join(" and ", reasons)[1..] + ".";
                proposals.Add(new ProposedQuestion(competency, why, Text(competency)));
            }
        }

        return proposals;
    }

    /// <summary>An open question built from the competency's statement.</summary>
    public static string Text(CompetencyInfo competency)
    {
        var statement = competency.Description.Trim().TrimEnd('.');
        return $"{competency.Label}: talk me through a piece of your work that shows how you meet this part of the standard: \"{statement}\". What did you do, why did you do it that way, and how did you know it worked?";
    }
}
