using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Organisations;
using EpaPortal.Domain.Standards;

namespace EpaPortal.Domain.Cases;

/// <summary>
/// What the case workflow needs to know beyond the case itself, filled by the web services from the
/// database. Fill what the transition at hand reads; the rest may stay at its default. Entities passed
/// here for the current attempt are stamped by the transition they complete (the gateway review, the
/// project submission, the interview's completion, the grade decision's QA and release, the appeal
/// decision), so save them with the case.
/// </summary>
public sealed record CaseFacts
{
    /// <summary>The case's standard version, with its knowledge modules, areas, competencies and settings.</summary>
    public required StandardVersion StandardVersion { get; init; }

    public required CaseParties Parties { get; init; }

    /// <summary>Days that are not working days besides weekends (appeal deadlines): the bank holidays of
    /// the apprentice's nation (<see cref="Common.BankHolidayCalendar"/>).</summary>
    public IReadOnlyCollection<DateOnly> BankHolidays { get; init; } = [];

    /// <summary>What the case's approved reasonable adjustments add to the plan's timings (issue 18, item 6).</summary>
    public Adjustments.ScheduleAdjustment Adjustment { get; init; } = Adjustments.ScheduleAdjustment.None;

    /// <summary>The case's approved reasonable adjustments (what <see cref="Adjustment"/> sums), for the pages
    /// that show their kind and effect to the assessor and quality assurance.</summary>
    public IReadOnlyList<Adjustments.ReasonableAdjustment> ApprovedAdjustments { get; init; } = [];

    /// <summary>The allocated assessor's hours and leave, when the command books the interview (null: not checked).</summary>
    public Scheduling.Availability? AssessorAvailability { get; init; }

    /// <summary>The other interviews of the allocated assessor and of the apprentice around a booking (clashes).</summary>
    public IReadOnlyList<Scheduling.BusyTime> BusyTimes { get; init; } = [];

    /// <summary>The standard version's settings with the approved adjustments applied: what the timing rules check.</summary>
    public Standards.StandardSettings Settings => Adjustment.Apply(StandardVersion.Settings);

    // Gateway

    /// <summary>The latest gateway submission, with its module results and item reviews.</summary>
    public GatewaySubmission? Gateway { get; init; }

    /// <summary>The apprenticeship's start date (Apprentice.StartDate), for the minimum time on programme.</summary>
    public DateOnly? ApprenticeshipStartDate { get; init; }

    /// <summary>Portfolio evidence items not removed.</summary>
    public int PortfolioItemCount { get; init; }

    public bool EmployerReferenceSubmitted { get; init; }

    // Assessor

    /// <summary>The conflicts of interest declared by the allocated assessor (all of them; the domain
    /// picks those in force with the apprentice's organisation).</summary>
    public IReadOnlyCollection<ConflictOfInterest> AssessorConflicts { get; init; } = [];

    /// <summary>Everyone who assessed an earlier attempt of this case (or was replaced on it).</summary>
    public IReadOnlyCollection<string> EarlierAssessorIds { get; init; } = [];

    /// <summary>Everyone who quality-assured any grade of this case.</summary>
    public IReadOnlyCollection<string> QualityAssurerIds { get; init; } = [];

    // Project and interview of the current attempt

    public ProjectSubmission? Project { get; init; }

    public int ProjectDeliverableCount { get; init; }

    public AssessorNote? AssessorNote { get; init; }

    public IReadOnlyList<InterviewQuestion> InterviewQuestions { get; init; } = [];

    public Interview? Interview { get; init; }

    // Result

    /// <summary>The latest grade decision of the current attempt.</summary>
    public GradeDecision? GradeDecision { get; init; }

    /// <summary>Quality assurance returned a grade decision of the current attempt: every later decision of
    /// the attempt must be checked by a quality assurer (<see cref="Grading.QaSampling"/>).</summary>
    public bool GradeReturnedByQa { get; init; }

    public bool ApprenticeConsentedToCertificate { get; init; }

    public bool CertificateDeclarationsConfirmed { get; init; }

    /// <summary>The latest appeal of the current attempt.</summary>
    public Appeal? Appeal { get; init; }

    /// <summary>The employer agreed to the planned re-sit or re-take.</summary>
    public bool EmployerAgreedToNextAttempt { get; init; }
}
