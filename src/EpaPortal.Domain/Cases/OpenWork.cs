namespace EpaPortal.Domain.Cases;

/// <summary>
/// Open work and history. A case is <em>closed</em> once its assessment is decided and nothing waits on the
/// assessor, the quality assurer or the employer: the result released, the certificate requested, the fail
/// recorded, the appeal rejected, or the case withdrawn. An appeal, a re-sit or a re-take opens it again (the
/// case moves to an open state). People's lists show open work by default and history on request, and the
/// database keeps its working indexes over open cases only, so a list costs what the open work costs, not
/// what years of history would.
/// </summary>
public static class OpenWork
{
    /// <summary>The states of a closed case, in the order of <see cref="CaseState"/>.</summary>
    public static IReadOnlyList<CaseState> ClosedStates { get; } =
    [
        CaseState.ResultReleased, CaseState.CertificateRequested, CaseState.FailRecorded, CaseState.AppealRejected, CaseState.Withdrawn,
    ];

    /// <summary>Every other state, in the order of <see cref="CaseState"/>.</summary>
    public static IReadOnlyList<CaseState> OpenStates { get; } = Enum.GetValues<CaseState>().Except(ClosedStates).ToArray();

    public static bool IsOpen(CaseState state) => !IsClosed(state);

    public static bool IsClosed(CaseState state) => state is CaseState.ResultReleased or CaseState.CertificateRequested
        or CaseState.FailRecorded or CaseState.AppealRejected or CaseState.Withdrawn;
}
