using EpaPortal.Domain.Assessment;

namespace EpaPortal.Domain.Scheduling;

/// <summary>Rules for recording the interview as held.</summary>
public static class InterviewRules
{
    /// <summary>An interview recorded as completed in less than this share of its booked length ended
    /// "far shorter than booked": the assessor must say why.</summary>
    public const double ShortShare = 0.5;

    public static bool IsFarShorterThanBooked(Interview interview, DateTimeOffset completedAt) =>
        completedAt >= interview.StartsAt && (completedAt - interview.StartsAt).TotalMinutes < interview.DurationMinutes * ShortShare;
}
