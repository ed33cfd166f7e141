using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Grading;

/// <summary>
/// The IQA sampling plan of one standard version (issue 21, item 4), set by a QA lead in the portal. Without
/// one, a version's decisions are sampled at the configured rate (<see cref="QaSamplingPolicy.Flat"/>).
/// </summary>
public class SamplingPlan : IVersioned
{
    public SamplingPlan(int standardVersionId, QaSamplingPolicy policy, string updatedById, DateTimeOffset updatedAt)
    {
        StandardVersionId = standardVersionId;
        UpdatedById = updatedById;
        Change(policy, updatedById, updatedAt);
    }

    private SamplingPlan()
    {
        UpdatedById = string.Empty;
    }

    public int Id { get; private set; }

    public int StandardVersionId { get; private set; }

    /// <summary>Share (0 to 100) of the other decisions sampled at random.</summary>
    public int BasePercent { get; private set; }

    /// <summary>Each assessor's first N decisions are all sampled (0: none).</summary>
    public int NewAssessorDecisions { get; private set; }

    /// <summary>The rate after a QA return of one of the assessor's grades.</summary>
    public int RaisedPercent { get; private set; }

    /// <summary>For how many of the assessor's decisions after the return the raised rate holds (0: none).</summary>
    public int RaisedDecisions { get; private set; }

    public string UpdatedById { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid Version { get; set; }

    public QaSamplingPolicy Policy => new(BasePercent, NewAssessorDecisions, RaisedPercent, RaisedDecisions);

    /// <summary>Sets the plan's numbers; refused (with the problems) when they are out of range.</summary>
    public IReadOnlyList<string> Change(QaSamplingPolicy policy, string updatedById, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = policy.Problems();
        if (problems.Count > 0)
        {
            return problems;
        }

        (BasePercent, NewAssessorDecisions, RaisedPercent, RaisedDecisions) = (policy.BasePercent, policy.NewAssessorDecisions, policy.RaisedPercent, policy.RaisedDecisions);
        (UpdatedById, UpdatedAt) = (updatedById, updatedAt);
        return [];
    }

    /// <summary>The plan in words, for the page and the audit log.</summary>
    public static string Describe(QaSamplingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var parts = new List<string> { $"base rate {policy.BasePercent}%" };
        parts.Add(policy.NewAssessorDecisions > 0 ? $"a new assessor's first {policy.NewAssessorDecisions} decisions all sampled" : "no new-assessor sampling");
        parts.Add(policy.RaisedDecisions > 0 ? $"{policy.RaisedPercent}% for the next {policy.RaisedDecisions} decisions after a QA return" : "no raised rate after a QA return");
        return string.Join("; ", parts);
    }
}
