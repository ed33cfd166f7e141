using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>One SQL command as EF Core sent it, with its parameter values (to replay it under EXPLAIN).</summary>
public sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)
{
    /// <summary>
    /// The sign-in ticket lookup every signed-in request makes (Security/DatabaseTicketStore): the same one
    /// command for every page, so budgets count it apart from what the page itself asks for.
    /// </summary>
    public bool IsSessionRead => Sql.Contains("FROM \"UserSessions\"", StringComparison.Ordinal) && Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    public bool IsSelect => Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    /// <summary>An INSERT, UPDATE or DELETE (EF Core sends each modification as its own command on SQLite).</summary>
    public bool IsWrite => Sql.TrimStart() is var sql
        && (sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The audit chain's lock (Data/AuditTrail/AuditChainLock on SQLite): the read of the chain head under the
    /// write lock that every save with audit entries makes before its batch (ADR 18).
    /// </summary>
    public bool IsAuditChainLock => Sql.TrimStart().StartsWith("UPDATE \"AuditChainHead\" SET \"Sequence\" = \"Sequence\"", StringComparison.Ordinal);

    /// <summary>Every table a command (a batch, on SQLite) inserts into, updates or deletes from.</summary>
    public IReadOnlyList<string> WrittenTables => IsWrite
        ? System.Text.RegularExpressions.Regex.Matches(Sql, "(?:INSERT INTO|UPDATE|DELETE FROM)\\s+\"(\\w+)\"").Select(m => m.Groups[1].Value).Distinct().ToList()
        : [];

    /// <summary>The table an INSERT, UPDATE or DELETE writes to, e.g. <c>AuditEntries</c>.</summary>
    public string? WrittenTable => IsWrite && System.Text.RegularExpressions.Regex.Match(Sql, "(?:INTO|UPDATE|FROM)\\s+\"(\\w+)\"") is { Success: true } match ? match.Groups[1].Value : null;
}

/// <summary>
/// An EF Core command interceptor that records every command a request causes. Requests opt in with
/// the <see cref="Header"/> header (a probe id); commands are attributed through the request's
/// HttpContext, so other requests, background loops and other test classes never add to a count.
/// </summary>
public sealed class CommandRecorder : DbCommandInterceptor
{
    public const string Header = "X-Command-Probe";

    private static readonly AsyncLocal<string?> Current = new();

    private readonly HttpContextAccessor _accessor = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<RecordedCommand>> _byProbe = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _endpoints = new(StringComparer.Ordinal);

    /// <summary>Records the commands of code that runs outside a request (a service called by a test) under <paramref name="probe"/>.</summary>
    public static IDisposable Scope(string probe)
    {
        Current.Value = probe;
        return new EndScope();
    }

    /// <summary>The commands recorded for a probe id, removed from the recorder.</summary>
    public IReadOnlyList<RecordedCommand> Take(string probe) => _byProbe.TryRemove(probe, out var queue) ? queue.ToList() : [];

    /// <summary>Notes the endpoint that answered a probed request (see <see cref="VolumePortalFactory"/>).</summary>
    public void RecordEndpoint(string probe, string endpoint) => _endpoints[probe] = endpoint;

    /// <summary>The endpoint (as "METHODS pattern") that answered the probed request, removed from the recorder.</summary>
    public string? TakeEndpoint(string probe) => _endpoints.TryRemove(probe, out var endpoint) ? endpoint : null;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        var probe = Current.Value ?? _accessor.HttpContext?.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(probe))
        {
            return;
        }

        var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value == DBNull.Value ? null : p.Value)).ToList();
        _byProbe.GetOrAdd(probe, _ => new ConcurrentQueue<RecordedCommand>()).Enqueue(new RecordedCommand(command.CommandText, parameters));
    }

    private sealed class EndScope : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }
}
