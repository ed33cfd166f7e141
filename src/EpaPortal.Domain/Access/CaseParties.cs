using EpaPortal.Domain.Cases;

namespace EpaPortal.Domain.Access;

/// <summary>
/// Who the case belongs to: the apprentice's user account, their employer organisation and the training
/// provider the case names (null for cases registered before providers were parties). With the case's
/// allocated assessor these decide an actor's relation to the case.
/// </summary>
public sealed record CaseParties(string? ApprenticeUserId, int ApprenticeOrganisationId, string ApprenticeOrganisationName, int? ProviderOrganisationId = null)
{
    /// <summary>Reads the parties from a case loaded with its Apprentice (and the apprentice's Organisation).</summary>
    public static CaseParties From(EpaCase epaCase)
    {
        var apprentice = epaCase.Apprentice
            ?? throw new InvalidOperationException("Load EpaCase.Apprentice (and its Organisation) before reading the case's parties.");
        return new CaseParties(apprentice.UserId, apprentice.OrganisationId, apprentice.Organisation?.Name ?? $"organisation {apprentice.OrganisationId}", epaCase.ProviderOrganisationId);
    }
}
