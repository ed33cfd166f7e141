using EpaPortal.Domain.Organisations;

namespace EpaPortal.Domain.Access;

/// <summary>The parts an organisation plays in apprenticeships: employer, training provider, or both.</summary>
[Flags]
public enum OrganisationParts
{
    None = 0,

    /// <summary>Employs apprentices: the organisation of the apprentice on a case.</summary>
    Employer = 1,

    /// <summary>Trains apprentices: the provider a case names (issue 19).</summary>
    TrainingProvider = 2,
}

/// <summary>
/// What an organisation-scoped actor (an API client) reaches: the cases whose employer is the organisation
/// and, when the organisation is a training provider, the cases that name it as their provider. Whether the
/// organisation is an employer or a provider is a property of the organisation (<see cref="OrganisationParts"/>),
/// never of the client: when an organisation becomes a provider, its clients reach its provider cases too.
/// </summary>
public sealed record OrganisationScope(int OrganisationId, OrganisationParts Parts)
{
    /// <summary>Whether the case's parties fall in this scope.</summary>
    public bool Covers(CaseParties parties) =>
        (Parts.HasFlag(OrganisationParts.Employer) && parties.ApprenticeOrganisationId == OrganisationId)
        || (Parts.HasFlag(OrganisationParts.TrainingProvider) && parties.ProviderOrganisationId == OrganisationId);

    /// <summary>
    /// The parts an organisation plays: an employer unless it was set up as a provider only; a training
    /// provider when it has a valid UKPRN (it then reaches the cases that name it as their provider).
    /// </summary>
    public static OrganisationParts PartsOf(Organisation organisation) =>
        (organisation.IsEmployer ? OrganisationParts.Employer : OrganisationParts.None)
        | (organisation.IsTrainingProvider ? OrganisationParts.TrainingProvider : OrganisationParts.None);

    /// <summary>Whether an apprentice employed by <paramref name="employerOrganisationId"/> (and trained by
    /// <paramref name="providerOrganisationId"/>, once cases name providers) falls in this scope.</summary>
    public bool CoversApprentice(int employerOrganisationId, int? providerOrganisationId = null) =>
        Covers(new CaseParties(null, employerOrganisationId, string.Empty, providerOrganisationId));
}

/// <summary>An API client acting for its organisation with the scopes it was granted.</summary>
public sealed record ApiClientGrant(string ClientId, OrganisationScope Scope, IReadOnlySet<string> Scopes)
{
    public bool Has(string scope) => Scopes.Contains(scope);
}

/// <summary>The OAuth scopes an API client may be granted (docs/api.md).</summary>
public static class ApiScopes
{
    /// <summary>Read apprentices, registrations, case status and released results.</summary>
    public const string Read = "read";

    /// <summary>Add apprentices and register them for end-point assessment.</summary>
    public const string Register = "register";

    /// <summary>Upload gateway evidence.</summary>
    public const string Upload = "upload";

    public static IReadOnlyList<string> All { get; } = [Read, Register, Upload];

    /// <summary>The scopes named in a space-separated list, or null when one is unknown.</summary>
    public static IReadOnlySet<string>? Parse(string? list)
    {
        var names = (list ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.All(n => All.Contains(n, StringComparer.Ordinal)) ? names.ToHashSet(StringComparer.Ordinal) : null;
    }
}

/// <summary>What an API client asks to do with one case.</summary>
public enum ApiCaseOperation
{
    /// <summary>Read the registration: state, dates, attempt (scope read).</summary>
    Read,

    /// <summary>Read the result, once released (scope read).</summary>
    ReadResult,

    /// <summary>Upload gateway evidence while the gateway is open (scope upload).</summary>
    UploadGatewayEvidence,
}

/// <summary>
/// The API's access rule over the domain's relation and visibility: the client must be related to the case
/// through its organisation (<see cref="CaseRelation.OrganisationClient"/>), hold the operation's scope, and
/// the case must be visible to it. A case outside the client's organisation does not exist for it (404).
/// </summary>
public static class ApiPermissions
{
    public static string ScopeOf(ApiCaseOperation operation) => operation switch
    {
        ApiCaseOperation.UploadGatewayEvidence => ApiScopes.Upload,
        _ => ApiScopes.Read,
    };

    public static bool Allows(ApiCaseOperation operation, ApiClientGrant grant, CaseRelation relation, CaseView view) =>
        relation.HasFlag(CaseRelation.OrganisationClient) && view.Case && grant.Has(ScopeOf(operation)) && operation switch
        {
            ApiCaseOperation.ReadResult => view.Result,
            _ => true,
        };

    /// <summary>Whether the client may add or register an apprentice of this employer (scope register).</summary>
    public static bool MayRegister(ApiClientGrant grant, int employerOrganisationId, int? providerOrganisationId = null) =>
        grant.Has(ApiScopes.Register) && grant.Scope.CoversApprentice(employerOrganisationId, providerOrganisationId);
}
