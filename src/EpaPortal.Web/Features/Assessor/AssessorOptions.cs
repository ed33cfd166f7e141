namespace EpaPortal.Web.Features.Assessor;

/// <summary>Settings of the assessor's caseload (section "Assessor").</summary>
public sealed class AssessorOptions
{
    public const string Section = "Assessor";

    /// <summary>
    /// Days an assessor has for a step that waits on them (set the brief, start the review, book the
    /// interview, record it, record the judgement) before the caseload shows it as overdue. The clock
    /// starts when the case entered its state, or at the interview's start for recording the interview.
    /// </summary>
    public int ActionDueDays { get; set; } = 10;

    /// <summary>Rows per caseload page (kept between 10 and 50).</summary>
    public int PageSize { get; set; } = 25;
}
