namespace EpaPortal.Domain.Standards;

/// <summary>An occupational standard, e.g. ST0128 Software Development Technician.</summary>
public class Standard
{
    private readonly List<StandardVersion> _versions = [];

    private Standard()
    {
        Reference = string.Empty;
        Title = string.Empty;
    }

    public Standard(string reference, string title, int level)
    {
        Reference = reference;
        Title = title;
        Level = level;
    }

    public int Id { get; private set; }

    /// <summary>"ST" + 4 digits.</summary>
    public string Reference { get; private set; }

    public string Title { get; set; }

    public int Level { get; set; }

    public IReadOnlyList<StandardVersion> Versions => _versions;

    public StandardVersion AddVersion(string version, GradingScheme scheme, StandardSettings settings)
    {
        if (_versions.Any(v => v.Version == version))
        {
            throw new InvalidOperationException($"{Reference} already has a version {version}.");
        }

        var added = new StandardVersion(this, version, scheme, settings);
        _versions.Add(added);
        return added;
    }
}
