using EpaPortal.Domain.Assessment;

namespace EpaPortal.Web.Features.Results;

/// <summary>
/// A released result as the apprentice and employer see it (the <c>_Result</c> partial): nothing in it
/// is loaded before the result is released. Build it with <see cref="ResultViewBuilder"/>.
/// </summary>
/// <param name="Current">The result of the current attempt, once released; null before.</param>
/// <param name="Earlier">Earlier released results (an earlier attempt, or a result replaced after an upheld appeal).</param>
/// <param name="Appeal">The appeal window and where to appeal, while a released result can be appealed.</param>
/// <param name="Reassessment">After an upheld appeal, until the new result is released: that the earlier result was withdrawn and a re-assessment is under way.</param>
public sealed record ResultViewModel(ReleasedResultView? Current, IReadOnlyList<ReleasedResultView> Earlier, AppealWindowView? Appeal, string? Reassessment)
{
    public bool HasAny => Current is not null || Earlier.Count > 0;
}

/// <summary>
/// One released result. <c>Reason</c>: the assessment plan's reason for the grade in plain words;
/// <c>ReasonDetails</c>: the level judged in each area (or each method's grade). <c>UnmetAreas</c>: for a
/// Fail, the areas (or method criteria) judged below the expected level. <c>Note</c>: why an earlier
/// result no longer stands, e.g. an upheld appeal.
/// </summary>
public sealed record ReleasedResultView(
    int Attempt,
    string AttemptText,
    string Grade,
    bool Passed,
    string ReleasedAt,
    string? AchievementDate,
    string Reason,
    IReadOnlyList<JudgedPart> ReasonDetails,
    string? Feedback,
    IReadOnlyList<string> UnmetAreas,
    string? Recommendation,
    string? Note);

/// <param name="Deadline">The end of the appeal window, in UK time.</param>
/// <param name="IsOpen">The window has not closed yet.</param>
/// <param name="Url">The viewer's own appeal page.</param>
public sealed record AppealWindowView(string Deadline, bool IsOpen, string Url);

/// <summary>The apprentice's or employer's result page.</summary>
public sealed record ResultPageViewModel(int CaseId, string ApprenticeName, bool IsEmployer, ResultViewModel Result);
