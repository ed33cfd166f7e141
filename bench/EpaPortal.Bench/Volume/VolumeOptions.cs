using EpaPortal.Domain.Cases;

namespace EpaPortal.Bench.Volume;

/// <summary>
/// What the volume generator makes (see bench/README.md): settings under "Volume", the case count from
/// <c>--generate-volume N</c>.
/// </summary>
public sealed class VolumeOptions
{
    public const string Section = "Volume";

    /// <summary>The number of cases the database holds when the generator has finished (existing ones count).</summary>
    public int Cases { get; set; } = 10_000;

    /// <summary>Assessors in total (existing ones count); the cases are shared round-robin between them.</summary>
    public int Assessors { get; set; } = 50;

    /// <summary>Employer organisations in total (existing ones count), each with one employer user.</summary>
    public int Organisations { get; set; } = 200;

    /// <summary>The first organisations by id are this many times as likely to hold a case (a few big employers).</summary>
    public int LargeOrganisations { get; set; } = 10;

    public int LargeOrganisationWeight { get; set; } = 10;

    public int QualityAssurers { get; set; } = 5;

    /// <summary>Portfolio evidence items on every case past registration.</summary>
    public int EvidenceItemsPerCase { get; set; } = 5;

    /// <summary>Cases driven through the real workflow per state (and grade); all others are copies of them.</summary>
    public int TemplatesPerState { get; set; } = 3;

    /// <summary>Write the template cases' files through the evidence store (copies always get metadata only).</summary>
    public bool WriteTemplateFiles { get; set; }

    /// <summary>The password of every generated user (none: they cannot sign in until invited).</summary>
    public string? Password { get; set; }

    /// <summary>Seed of the random choices, so two runs make the same shape of data.</summary>
    public int Seed { get; set; } = 2026;

    /// <summary>Closed cases are spread over this many days before now (scaled up with the history beyond
    /// <see cref="OpenWorkCases"/>); open ones over a few weeks.</summary>
    public int SpreadDays { get; set; } = 730;

    /// <summary>
    /// The size of organisation whose open work the volume has: up to this many cases every state has its
    /// share; a larger volume adds history only (closed cases), as an organisation does over the years while
    /// each person's open work stays about the same. 0: every state grows with the volume.
    /// </summary>
    public int OpenWorkCases { get; set; } = 10_000;

    /// <summary>
    /// The share of cases in each state: what an assessment organisation a couple of years old looks like,
    /// most cases closed with a certificate, a few per cent in each open state.
    /// </summary>
    public static IReadOnlyList<(CaseState State, double Share)> StateShares { get; } =
    [
        (CaseState.Registered, 0.08),
        (CaseState.GatewaySubmitted, 0.03),
        (CaseState.GatewayRejected, 0.01),
        (CaseState.GatewayApproved, 0.02),
        (CaseState.ProjectScheduled, 0.02),
        (CaseState.ProjectInProgress, 0.03),
        (CaseState.ProjectSubmitted, 0.02),
        (CaseState.PreInterviewReview, 0.03),
        (CaseState.InterviewScheduled, 0.03),
        (CaseState.InterviewCompleted, 0.02),
        (CaseState.Graded, 0.02),
        (CaseState.IqaApproved, 0.01),
        (CaseState.ResultReleased, 0.04),
        (CaseState.CertificateRequested, 0.52),
        (CaseState.FailRecorded, 0.03),
        (CaseState.ResitPlanned, 0.01),
        (CaseState.RetakePlanned, 0.01),
        (CaseState.AppealLodged, 0.01),
        (CaseState.AppealUpheld, 0.005),
        (CaseState.AppealRejected, 0.005),
        (CaseState.Withdrawn, 0.05),
    ];
}
