namespace EpaPortal.Domain.Organisations;

/// <summary>An employer organisation whose apprentices are assessed.</summary>
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

    /// <summary>The employer's UK Provider Reference Number where it is also a training provider.</summary>
    public string? Ukprn { get; set; }

    public string? ContactEmail { get; set; }

    /// <summary>Postal address used when the employer receives the certificate.</summary>
    public string? PostalAddress { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
