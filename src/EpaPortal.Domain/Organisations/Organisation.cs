namespace EpaPortal.Domain.Organisations;

/// <summary>
/// An organisation of the apprenticeship: an employer whose apprentices are assessed, a training provider
/// (it has a UKPRN), or both.
/// </summary>
public class Organisation
{
    private Organisation()
    {
        Name = string.Empty;
    }

    public Organisation(string name)
    {
        Name = name;
    }

    public int Id { get; private set; }

    public string Name { get; set; }

    /// <summary>The UK Provider Reference Number: set exactly when the organisation is a training provider (unique).</summary>
    public string? Ukprn { get; set; }

    /// <summary>Employs apprentices (every organisation did before issue 19; a provider-only organisation does not).</summary>
    public bool IsEmployer { get; set; } = true;

    /// <summary>Trains apprentices: an organisation with a valid UKPRN.</summary>
    public bool IsTrainingProvider => Identifiers.Ukprn.IsValid(Ukprn);

    public string? ContactEmail { get; set; }

    /// <summary>Postal address used when the employer receives the certificate.</summary>
    public string? PostalAddress { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
