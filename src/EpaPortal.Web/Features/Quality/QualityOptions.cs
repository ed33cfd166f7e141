namespace EpaPortal.Web.Features.Quality;

/// <summary>
/// The <c>Quality</c> settings. Every overridden grade, every Fail and every grade re-made after a QA
/// return goes to a quality assurer; of the other grades, <see cref="SamplePercent"/> per cent are sampled
/// when the assessor submits the grade (the domain's <c>QaSampling</c> rule; the rest are recorded as not
/// sampled).
/// </summary>
public sealed class QualityOptions
{
    public const string Section = "Quality";

    /// <summary>Share (0 to 100) of the other grades sent to quality assurance.</summary>
    public int SamplePercent { get; set; } = 10;
}
