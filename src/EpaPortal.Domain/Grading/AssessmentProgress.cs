using EpaPortal.Domain.Common;

namespace EpaPortal.Domain.Grading;

/// <summary>Which methods the assessor has assessed for this attempt, and whether the interview is done.</summary>
public sealed record AssessmentProgress(IReadOnlyCollection<AssessmentMethod> MethodsAssessed, bool InterviewCompleted)
{
    public static AssessmentProgress AllAssessed { get; } = new(Enum.GetValues<AssessmentMethod>(), InterviewCompleted: true);
}
