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
}

/// <summary>What the sampling rule reads about a new grade decision.</summary>
/// <param name="FinalGrade">The grade after any override and cap.</param>
/// <param name="IsOverride">The assessor proposed a grade other than the computed one.</param>
/// <param name="ReturnedByQaThisAttempt">Quality assurance returned a grade of the same attempt before.</param>
public sealed record QaSamplingFacts(Grade FinalGrade, bool IsOverride, bool ReturnedByQaThisAttempt)
{
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
        _ => "random sample",
    };

    /// <summary>Why a grade that must be checked cannot pass without a quality assurer.</summary>
    public static string MustBeChecked(QaSampleReason reason) => reason switch
    {
        QaSampleReason.Override => "An overridden grade must be checked by a quality assurer.",
        QaSampleReason.Fail => "A Fail must be checked by a quality assurer.",
        QaSampleReason.ReturnedByQa => "This grade was re-made after quality assurance returned the case: a quality assurer must approve it.",
        _ => "This grade was sampled for quality assurance: a quality assurer must approve it.",
    };

    /// <summary>Decides whether a new decision goes to QA, with the reasons; <paramref name="samplePercent"/>
    /// (clamped to 0–100) is the share of the other decisions sampled.</summary>
    public QaSamplingResult Decide(QaSamplingFacts facts, int samplePercent)
    {
        var mandatory = Mandatory(facts);
        if (mandatory.Count > 0)
        {
            return new QaSamplingResult(mandatory);
        }

        var percent = Math.Clamp(samplePercent, 0, 100);
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

        return new QaSamplingResult([QaSampleReason.RandomSample]);
    }
}
