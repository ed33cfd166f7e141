using Microsoft.EntityFrameworkCore.Update;

namespace EpaPortal.Web.Data;

/// <summary>
/// Sends the inserts, updates and deletes of one save to SQLite in batches, as EF Core's SQL Server provider
/// does for production (up to 42 statements a command), instead of the SQLite provider's one command per row.
/// SQLite itself gains little (it runs in the process), but the portal's command budgets are measured on
/// SQLite and stand for SQL Server's round trips: with this, a save that writes a note and its sixteen
/// conclusions counts as the two round trips it costs in production, not seventeen (ADR 9).
/// </summary>
public sealed class SqliteBatchingCommandBatchFactory(ModificationCommandBatchFactoryDependencies dependencies) : IModificationCommandBatchFactory
{
    /// <summary>SQL Server's default batch size in EF Core.</summary>
    public const int MaxBatchSize = 42;

    public ModificationCommandBatch Create() => new Batch(dependencies);

    private sealed class Batch(ModificationCommandBatchFactoryDependencies dependencies) : AffectedCountModificationCommandBatch(dependencies, SqliteBatchingCommandBatchFactory.MaxBatchSize);
}
