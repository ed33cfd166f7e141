using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Grading;

/// <summary>Why a grade decision goes to a quality assurer.</summary>
public enum QaSampleReason
{
    /// <summary>The assessor overrode the computed grade.</summary>
    Override,

    /// <summary>The grade is a Fail.</summary>
    Fail,

    /// <summary>Quality assurance returned an earlier grade of the same attempt.</summary>
    ReturnedByQa,

    /// <summary>Picked in the random sample of the other grades.</summary>
    RandomSample,

    /// <summary>One of the assessor's first decisions, all sampled by the standard version's plan.</summary>
    NewAssessor,

    /// <summary>Picked at the raised rate the plan sets for an assessor after a QA return.</summary>
    RaisedAfterReturn,
}

/// <summary>
/// The sampling plan's numbers for one standard version (issue 21, item 4): the base rate of the random
/// sample; the first <see cref="NewAssessorDecisions"/> decisions of each assessor all sampled; after a QA
/// return of one of the assessor's grades, the next <see cref="RaisedDecisions"/> of their decisions sampled
/// at <see cref="RaisedPercent"/>. Overrides, Fails and decisions re-made after a return are always sampled.
/// </summary>
public sealed record QaSamplingPolicy(int BasePercent, int NewAssessorDecisions, int RaisedPercent, int RaisedDecisions)
{
    /// <summary>No plan for the version: the configured rate for every decision that is not always sampled.</summary>
    public static QaSamplingPolicy Flat(int percent) => new(percent, 0, percent, 0);

    /// <summary>What is wrong with the numbers, in words a QA lead can act on (empty: valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BasePercent is < 0 or > 100)
        {
            problems.Add("Enter a base rate from 0 to 100 per cent.");
        }

        if (NewAssessorDecisions < 0)
        {
            problems.Add("Enter the number of a new assessor's first decisions to sample: 0 or more.");
        }

        if (RaisedPercent is < 0 or > 100)
        {
            problems.Add("Enter a raised rate from 0 to 100 per cent.");
        }
        else if (RaisedPercent < BasePercent && RaisedDecisions > 0)
        {
            problems.Add("The raised rate after a QA return must be at least the base rate.");
        }

        if (RaisedDecisions < 0)
        {
            problems.Add("Enter the number of decisions the raised rate lasts for: 0 or more.");
        }

        return problems;
    }
}

/// <summary>What the sampling rule reads about a new grade decision.</summary>
/// <param name="FinalGrade">The grade after any override and cap.</param>
/// <param name="IsOverride">The assessor proposed a grade other than the computed one.</param>
/// <param name="ReturnedByQaThisAttempt">Quality assurance returned a grade of the same attempt before.</param>
public sealed record QaSamplingFacts(Grade FinalGrade, bool IsOverride, bool ReturnedByQaThisAttempt)
{
    /// <summary>How many grade decisions the assessor made before this one (any case, any standard).</summary>
    public int AssessorEarlierDecisions { get; init; }

    /// <summary>How many decisions the assessor made since quality assurance last returned one of their grades
    /// (null: none of their grades was ever returned).</summary>
    public int? AssessorDecisionsSinceReturn { get; init; }

    public static QaSamplingFacts Of(GradeDecision decision, bool returnedByQaThisAttempt) =>
        new(decision.FinalGrade, decision.IsOverride, returnedByQaThisAttempt);
}

/// <summary>The sampling rule's answer: the reasons a decision goes to QA (none: not sampled).</summary>
public sealed record QaSamplingResult(IReadOnlyList<QaSampleReason> Reasons)
{
    public bool Required => Reasons.Count > 0;

    /// <summary>The status a new decision is saved with.</summary>
    public QaStatus Status => Required ? QaStatus.Pending : QaStatus.NotSampled;

    /// <summary>The reasons in words, e.g. "override, fail"; empty when not sampled.</summary>
    public string Describe() => string.Join(", ", Reasons.Select(QaSampling.Describe));
}

/// <summary>
/// Which new grade decisions quality assurance checks (domain.md sections 7 and 11): every override, every
/// Fail and every decision re-made after quality assurance returned a grade of the same attempt; of the
/// rest, a random sample at the configured rate. The random source is injected so the rule is testable:
/// it returns a whole number from 0 to 99, and a decision is sampled when that number is below the rate.
/// </summary>
public sealed class QaSampling(Func<int> percentile)
{
    /// <summary>The reasons a decision must be checked whatever the sample rate (empty: it may be sampled).</summary>
    public static IReadOnlyList<QaSampleReason> Mandatory(QaSamplingFacts facts)
    {
        var reasons = new List<QaSampleReason>();
        if (facts.IsOverride)
        {
            reasons.Add(QaSampleReason.Override);
        }

        if (facts.FinalGrade == Grade.Fail)
        {
            reasons.Add(QaSampleReason.Fail);
        }

        if (facts.ReturnedByQaThisAttempt)
        {
            reasons.Add(QaSampleReason.ReturnedByQa);
        }

        return reasons;
    }

    /// <summary>The reason in the words the assessor and quality assurer see.</summary>
    public static string Describe(QaSampleReason reason) => reason switch
    {
        QaSampleReason.Override => "override",
        QaSampleReason.Fail => "fail",
        QaSampleReason.ReturnedByQa => "returned by QA",
        QaSampleReason.NewAssessor => "new assessor",
        QaSampleReason.RaisedAfterReturn => "raised rate after a QA return",
        _ => "random sample",
    };

    /// <summary>The stored form of the reasons (enum names, comma-separated; null when not sampled).</summary>
    public static string? Store(IReadOnlyList<QaSampleReason> reasons) =>
        reasons.Count == 0 ? null : string.Join(",", reasons);

    /// <summary>The reasons read back from <see cref="Store"/> (unknown names are skipped).</summary>
    public static IReadOnlyList<QaSampleReason> Parse(string? stored) =>
        string.IsNullOrWhiteSpace(stored)
            ? []
            : stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => Enum.TryParse<QaSampleReason>(n, out var r) ? r : (QaSampleReason?)null)
                .OfType<QaSampleReason>().ToList();

    /// <summary>Why a grade that must be checked cannot pass without a quality assurer.</summary>
    public static string MustBeChecked(QaSampleReason reason) => reason switch
    {
        QaSampleReason.Override => "An overridden grade must be checked by a quality assurer.",
        QaSampleReason.Fail => "A Fail must be checked by a quality assurer.",
        QaSampleReason.ReturnedByQa => "This grade was re-made after quality assurance returned the case: a quality assurer must approve it.",
        _ => "This grade was sampled for quality assurance: a quality assurer must approve it.",
    };

    /// <summary>Decides whether a new decision goes to QA, with the reasons; <paramref name="samplePercent"/>
    /// (clamped to 0–100) is the share of the other decisions sampled (no plan: <see cref="QaSamplingPolicy.Flat"/>).</summary>
    public QaSamplingResult Decide(QaSamplingFacts facts, int samplePercent) => Decide(facts, QaSamplingPolicy.Flat(samplePercent));

    /// <summary>
    /// Decides by the standard version's plan: the always-sampled reasons first; then an assessor's first
    /// <see cref="QaSamplingPolicy.NewAssessorDecisions"/> decisions (their earlier count below N) all sampled;
    /// then, while fewer than <see cref="QaSamplingPolicy.RaisedDecisions"/> decisions followed their last QA
    /// return, the raised rate; otherwise the base rate. A rate of 0 or 100 draws no number.
    /// </summary>
    public QaSamplingResult Decide(QaSamplingFacts facts, QaSamplingPolicy policy)
    {
        var mandatory = Mandatory(facts);
        if (mandatory.Count > 0)
        {
            return new QaSamplingResult(mandatory);
        }

        if (facts.AssessorEarlierDecisions < policy.NewAssessorDecisions)
        {
            return new QaSamplingResult([QaSampleReason.NewAssessor]);
        }

        return facts.AssessorDecisionsSinceReturn is { } since && since < policy.RaisedDecisions
            ? Draw(policy.RaisedPercent, QaSampleReason.RaisedAfterReturn)
            : Draw(policy.BasePercent, QaSampleReason.RandomSample);
    }

    private QaSamplingResult Draw(int rate, QaSampleReason reason)
    {
        var percent = Math.Clamp(rate, 0, 100);
        if (percent == 0)
        {
            return new QaSamplingResult([]);
        }

        if (percent < 100)
        {
            var drawn = percentile();
            if (drawn is < 0 or > 99)
            {
                throw new InvalidOperationException($"The random source of the QA sample must give a number from 0 to 99, not {drawn}.");
            }

            if (drawn >= percent)
            {
                return new QaSamplingResult([]);
            }
        }

        return new QaSamplingResult([reason]);
    }
}
