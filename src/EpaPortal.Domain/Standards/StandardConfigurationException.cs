namespace EpaPortal.Domain.Standards;

/// <summary>A standard version whose definition breaks the rules the grading service relies on.</summary>
public sealed class StandardConfigurationException : Exception
{
    public StandardConfigurationException()
        : base("The standard version is not configured correctly.")
    {
        Problems = [Message];
    }

    public StandardConfigurationException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public StandardConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public StandardConfigurationException(string versionCode, IReadOnlyList<string> problems)
        : base($"{versionCode} is not configured correctly: {string.Join(" ", problems)}")
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
