namespace EpaPortal.Web.Features.Quality;

/// <summary>
/// The <c>Quality</c> settings. Every overridden grade and every Fail goes to a quality assurer; of the
/// other grades, <see cref="SamplePercent"/> per cent are sampled for quality assurance when the assessor
/// submits the grade (the grading pages apply it; the rest are recorded as not sampled).
/// </summary>
public sealed class QualityOptions
{
    public const string Section = "Quality";

    /// <summary>Share (0 to 100) of the grades that are neither overridden nor a Fail sent to quality assurance.</summary>
    public int SamplePercent { get; set; } = 10;
}
