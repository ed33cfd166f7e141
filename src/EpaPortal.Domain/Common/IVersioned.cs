namespace EpaPortal.Domain.Common;

/// <summary>
/// An entity two people may edit at once. <see cref="Version"/> is an optimistic concurrency token that
/// the data layer regenerates on every save, so it works the same on SQLite and SQL Server.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
