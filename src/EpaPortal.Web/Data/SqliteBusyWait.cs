using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace EpaPortal.Web.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock. SQLite admits one writer at a time; when a second save finds
/// the lock taken, Microsoft.Data.Sqlite's own retry sleeps 150 ms before trying again, so two saves
/// colliding cost the second one 150 ms even when the first finished after one. SQLite's busy handler
/// (sqlite3_busy_timeout) retries after 1, 2, 5, 10… ms instead. It is a setting of the native connection,
/// not a SQL command: setting it on every open adds no command and no round trip. After
/// <see cref="Milliseconds"/> the driver's own retry carries on until the command timeout, as before.
/// Measured worth in docs/decisions/0019-sqlite-waits-for-its-write-lock.md.
/// </summary>
public sealed class SqliteBusyWait : DbConnectionInterceptor
{
    public const int Milliseconds = 5_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            raw.sqlite3_busy_timeout(handle, Milliseconds);
        }
    }
}
