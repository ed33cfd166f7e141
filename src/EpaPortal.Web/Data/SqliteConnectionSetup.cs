using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace EpaPortal.Web.Data;

/// <summary>How long an embedded SQLite database waits for each commit to reach the disk (<c>Database:SqliteSynchronous</c>).</summary>
public enum SqliteSynchronous
{
    /// <summary>WAL commits are not forced to disk one by one (SQLite's <c>synchronous=NORMAL</c>): safe from corruption and from a crash of the portal; a power cut or a crash of the machine can lose the last commits. The default (ADR 25).</summary>
    Normal,

    /// <summary>Every commit waits for the disk (<c>synchronous=FULL</c>, SQLite's own default): no commit is lost to a power cut; each save costs one disk flush.</summary>
    Full,
}

/// <summary>
/// Settings of every SQLite connection as it opens, through the native handle (no SQL command, no round trip):
/// <list type="bullet">
/// <item>SQLite's own busy handler (ADR 19): SQLite admits one writer at a time; when a second save finds the
/// write lock taken, Microsoft.Data.Sqlite's own retry sleeps 150 ms before trying again, so two saves
/// colliding cost the second one 150 ms even when the first finished after one. SQLite's busy handler
/// (sqlite3_busy_timeout) retries after 1, 2, 5, 10… ms instead. After <see cref="BusyMilliseconds"/> the
/// driver's own retry carries on until the command timeout, as before.</item>
/// <item>The commit durability (ADR 25): <see cref="SqliteSynchronous"/>.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSetup(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    public const int BusyMilliseconds = 5_000;

    public SqliteSynchronous Synchronous { get; } = synchronous;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            raw.sqlite3_busy_timeout(handle, BusyMilliseconds);
            var pragma = Synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
            var result = raw.sqlite3_exec(handle, pragma);
            if (result != raw.SQLITE_OK)
            {
                throw new InvalidOperationException($"SQLite refused '{pragma}' (result {result}).");
            }
        }
    }
}
