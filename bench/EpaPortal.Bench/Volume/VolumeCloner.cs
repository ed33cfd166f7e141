using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Bench.Volume;

/// <summary>The new apprentice a copy of a template case belongs to.</summary>
public sealed record ApprenticeIdentity(string Uln, string GivenNames, string FamilyName, string Email, int OrganisationId);

/// <summary>
/// One copy of a template case: its new apprentice, how far back its dates move, the user ids it swaps
/// (template apprentice, assessor, quality assurer, employer → the copy's) and the text it swaps in
/// names, e-mails and ULNs wherever they were written (audit details, signatures, rationales).
/// </summary>
public sealed record CloneSpec(int TemplateCaseId, TimeSpan Shift, ApprenticeIdentity Apprentice, IReadOnlyDictionary<string, string> Ids, IReadOnlyList<(string From, string To)> Text);

/// <summary>
/// Copies template cases row by row with plain SQL (SQLite), driven by the EF Core model so that every
/// table hanging off a case — today's and any a feature adds later — is copied: the apprentice and their
/// user account and role, the case, and every table with a foreign key into what is copied (evidence,
/// files, gateway, reference, project, notes, interview, questions, judgement, grade, appeal), plus the
/// case's audit entries. Integer keys are renumbered and foreign keys follow them; GUID keys and versions
/// are new; user ids, file ids and evidence references ("PortfolioItem:12") inside text are rewritten;
/// dates move back by the copy's shift; the ULN, names and e-mail are the copy's own; storage keys are
/// new (copies have file metadata only, no bytes). A unique index the copies would break stops it with
/// an explanation rather than writing inconsistent data.
/// </summary>
public sealed partial class VolumeCloner
{
    private const int BatchSize = 250;

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    private readonly PortalDbContext _db;
    private readonly List<TablePlan> _plans = [];
    private readonly TablePlan _cases;
    private readonly TablePlan _apprentices;
    private readonly TablePlan _users;
    private readonly TablePlan _userRoles;
    private readonly Dictionary<string, TablePlan> _referenceTables = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<(TablePlan Plan, object?[] Row)>> _templateRows = [];

    public VolumeCloner(PortalDbContext db)
    {
        _db = db;
        var model = db.Model.GetRelationalModel();
        var casesTable = TableOf(typeof(EpaCase));
        var apprenticesTable = TableOf(typeof(Apprentice));
        var auditTable = TableOf(typeof(AuditEntry));
        var usersTable = TableOf(typeof(PortalUser));
        var userRolesTable = TableOf(typeof(IdentityUserRole<string>));
        // Legal holds are an admin's decision about one real case, never part of a template (and keyed by their case).
        var excluded = new HashSet<string>(StringComparer.Ordinal) { usersTable.Name, userRolesTable.Name, "UserSessions", "OutboxMessages", TableOf(typeof(EpaPortal.Domain.Records.LegalHold)).Name };

        // Everything that hangs off an apprentice or a case by a foreign key, transitively.
        var copied = new HashSet<ITable> { apprenticesTable };
        bool grew;
        do
        {
            grew = false;
            foreach (var table in model.Tables.Where(t => !copied.Contains(t) && !excluded.Contains(t.Name)))
            {
                if (table.ForeignKeyConstraints.Any(fk => copied.Contains(fk.PrincipalTable)))
                {
                    copied.Add(table);
                    grew = true;
                }
            }
        }
        while (grew);

        copied.Add(auditTable);
        var ordered = TopologicalOrder(copied);
        var plans = new Dictionary<ITable, TablePlan>();
        _users = new TablePlan(usersTable);
        _userRoles = new TablePlan(userRolesTable);
        foreach (var table in ordered)
        {
            plans[table] = new TablePlan(table);
        }

        foreach (var plan in new[] { _users, _userRoles }.Concat(ordered.Select(t => plans[t])))
        {
            Classify(plan, plans, casesTable, usersTable);
            CheckUniqueIndexes(plan);
            _plans.Add(plan);
        }

        _cases = plans[casesTable];
        _apprentices = plans[apprenticesTable];
        _referenceTables["PortfolioItem"] = plans[TableOf(typeof(EvidenceItem))];
        _referenceTables["InterviewAnswer"] = plans[TableOf(typeof(Domain.Assessment.InterviewQuestion))];

        ITable TableOf(Type type) =>
            (ITable)(db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.")).GetTableMappings().First().Table;
    }

    private enum ColumnKind
    {
        Copy,
        Key,
        Parent,
        Text,
        Guid,
        Instant,
        Date,
        DateTime,
        Uln,
        GivenNames,
        FamilyName,
        Email,
        OrganisationId,
        StorageKey,
        SecurityStamp,

        /// <summary>An audit entry's place in the hash chain (ADR 18): copies are written past the portal, so they
        /// stay outside the chain (benchmark data only; verification reports them as such).</summary>
        ChainLink,
    }

    /// <summary>Reads the template cases' rows (once) so each copy is only writes.</summary>
    public async Task LoadTemplatesAsync(IReadOnlyList<int> templateCaseIds, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        var templateOf = new Dictionary<(TablePlan, object), int>();
        var loaded = new Dictionary<TablePlan, List<object?[]>>();

        await LoadAsync(_cases, $"\"{_cases.KeyColumn}\" IN ({string.Join(",", templateCaseIds)})");
        foreach (var row in loaded[_cases])
        {
            templateOf[(_cases, row[_cases.KeyIndex]!)] = Convert.ToInt32(row[_cases.KeyIndex], CultureInfo.InvariantCulture);
        }

        var apprenticeColumn = _cases.Columns.FindIndex(c => c.Kind == ColumnKind.Parent && c.Parent == _apprentices);
        var apprenticeOfCase = loaded[_cases].ToDictionary(r => r[apprenticeColumn]!, r => templateOf[(_cases, r[_cases.KeyIndex]!)]);
        await LoadAsync(_apprentices, $"\"{_apprentices.KeyColumn}\" IN ({string.Join(",", apprenticeOfCase.Keys)})");
        var userIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var userIdColumn = _apprentices.Columns.FindIndex(c => c.Name == "UserId");
        foreach (var row in loaded[_apprentices])
        {
            var template = apprenticeOfCase[row[_apprentices.KeyIndex]!];
            templateOf[(_apprentices, row[_apprentices.KeyIndex]!)] = template;
            if (row[userIdColumn] is string userId)
            {
                userIds[userId] = template;
            }
        }

        var userList = string.Join(",", userIds.Keys.Select(id => $"'{id.Replace("'", "''", StringComparison.Ordinal)}'"));
        await LoadAsync(_users, $"\"Id\" IN ({userList})");
        await LoadAsync(_userRoles, $"\"UserId\" IN ({userList})");
        foreach (var plan in new[] { _users, _userRoles })
        {
            var column = plan.Columns.FindIndex(c => c.Name == (plan == _users ? "Id" : "UserId"));
            AddRows(plan, loaded[plan].Select(r => (userIds[(string)r[column]!], r)));
        }

        AddRows(_apprentices, loaded[_apprentices].Select(r => (templateOf[(_apprentices, r[_apprentices.KeyIndex]!)], r)));
        AddRows(_cases, loaded[_cases].Select(r => (templateOf[(_cases, r[_cases.KeyIndex]!)], r)));

        foreach (var plan in _plans.Where(p => p != _users && p != _userRoles && p != _apprentices && p != _cases))
        {
            var conditions = plan.Columns.Where(c => c.Kind == ColumnKind.Parent && loaded.ContainsKey(c.Parent!))
                .Select(c => $"\"{c.Name}\" IN ({string.Join(",", loaded[c.Parent!].Select(r => r[c.Parent!.KeyIndex]))})")
                .ToList();
            if (conditions.Count == 0)
            {
                throw new InvalidOperationException($"The volume copier cannot tell which rows of {plan.Name} belong to a case.");
            }

            await LoadAsync(plan, string.Join(" OR ", conditions));
            var rows = new List<(int, object?[])>();
            foreach (var row in loaded[plan])
            {
                var template = plan.Columns.Select((c, i) => (c, i))
                    .Where(x => x.c.Kind == ColumnKind.Parent && row[x.i] is not null && templateOf.ContainsKey((x.c.Parent!, row[x.i]!)))
                    .Select(x => templateOf[(x.c.Parent!, row[x.i]!)])
                    .First();
                if (plan.KeyIndex >= 0 && plan.KeyKind == ColumnKind.Key)
                {
                    templateOf[(plan, row[plan.KeyIndex]!)] = template;
                }

                rows.Add((template, row));
            }

            AddRows(plan, rows);
        }

        async Task LoadAsync(TablePlan plan, string where)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", plan.Columns.Select(c => $"\"{c.Name}\""))} FROM \"{plan.Name}\" WHERE {where}";
            var rows = new List<object?[]>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var values = new object?[plan.Columns.Count];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = await reader.IsDBNullAsync(i, cancellationToken) ? null : reader.GetValue(i);
                    }

                    rows.Add(values);
                }
            }

            loaded[plan] = rows;
        }
    }

    /// <summary>How long from <paramref name="now"/> until the template's first future date (a window, an interview).</summary>
    public TimeSpan FutureMargin(int templateCaseId, DateTimeOffset now)
    {
        var margin = TimeSpan.MaxValue;
        foreach (var (plan, row) in _templateRows[templateCaseId])
        {
            for (var i = 0; i < plan.Columns.Count; i++)
            {
                if (plan.Columns[i].Kind == ColumnKind.Instant && row[i] is not null && ReadInstant(plan.Columns[i], row[i]!) is var at && at > now && at - now < margin)
                {
                    margin = at - now;
                }
            }
        }

        return margin;
    }

    /// <summary>Writes the copies in transactions of a few hundred; <paramref name="progress"/> hears after each.</summary>
    public async Task CloneAsync(IReadOnlyList<CloneSpec> specs, CancellationToken cancellationToken, Action<int>? progress = null)
    {
        var connection = await OpenAsync(cancellationToken);
        foreach (var plan in _plans.Where(p => p.KeyKind == ColumnKind.Key))
        {
            await using var max = connection.CreateCommand();
            max.CommandText = $"SELECT COALESCE(MAX(\"{plan.KeyColumn}\"), 0) FROM \"{plan.Name}\"";
            plan.NextId = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) + 1;
        }

        var inserts = new Dictionary<TablePlan, DbCommand>();
        try
        {
            foreach (var plan in _plans)
            {
                var command = connection.CreateCommand();
                command.CommandText = $"INSERT INTO \"{plan.Name}\" ({string.Join(", ", plan.Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", plan.Columns.Select((_, i) => $"$p{i}"))})";
                for (var i = 0; i < plan.Columns.Count; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"$p{i}";
                    command.Parameters.Add(parameter);
                }

                inserts[plan] = command;
            }

            for (var start = 0; start < specs.Count; start += BatchSize)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var command in inserts.Values)
                {
                    command.Transaction = transaction;
                }

                foreach (var spec in specs.Skip(start).Take(BatchSize))
                {
                    await CloneOneAsync(spec, inserts, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                progress?.Invoke(Math.Min(specs.Count, start + BatchSize));
            }
        }
        finally
        {
            foreach (var command in inserts.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    private async Task CloneOneAsync(CloneSpec spec, Dictionary<TablePlan, DbCommand> inserts, CancellationToken cancellationToken)
    {
        var rows = _templateRows[spec.TemplateCaseId];
        var ids = new Dictionary<string, string>(spec.Ids, StringComparer.OrdinalIgnoreCase);
        var keys = new Dictionary<(TablePlan, long), long>();
        foreach (var (plan, row) in rows.Where(r => r.Plan.KeyIndex >= 0))
        {
            var old = row[plan.KeyIndex]!;
            if (plan.KeyKind == ColumnKind.Key)
            {
                keys[(plan, Convert.ToInt64(old, CultureInfo.InvariantCulture))] = plan.NextId++;
            }
            else if (plan.KeyKind == ColumnKind.Guid && old is string guid)
            {
                ids[guid] = MatchCase(guid, Guid.NewGuid().ToString());
            }
        }

        foreach (var (plan, row) in rows)
        {
            var command = inserts[plan];
            for (var i = 0; i < plan.Columns.Count; i++)
            {
                command.Parameters[i].Value = Value(plan, plan.Columns[i], row[i], spec, ids, keys) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private object? Value(TablePlan plan, ColumnPlan column, object? value, CloneSpec spec, Dictionary<string, string> ids, Dictionary<(TablePlan, long), long> keys)
    {
        switch (column.Kind)
        {
            case ColumnKind.Uln:
                return spec.Apprentice.Uln;
            case ColumnKind.GivenNames:
                return spec.Apprentice.GivenNames;
            case ColumnKind.FamilyName:
                return spec.Apprentice.FamilyName;
            case ColumnKind.Email:
                return spec.Apprentice.Email;
            case ColumnKind.OrganisationId:
                return spec.Apprentice.OrganisationId;
            case ColumnKind.StorageKey:
                return $"volume-{Guid.NewGuid():N}";
            case ColumnKind.SecurityStamp:
                return Guid.NewGuid().ToString("N").ToUpperInvariant();
            case ColumnKind.ChainLink:
                return null;
        }

        if (value is null)
        {
            return null;
        }

        switch (column.Kind)
        {
            case ColumnKind.Key:
                return keys[(plan, Convert.ToInt64(value, CultureInfo.InvariantCulture))];
            case ColumnKind.Parent:
                return keys.TryGetValue((column.Parent!, Convert.ToInt64(value, CultureInfo.InvariantCulture)), out var parent)
                    ? parent
                    : throw new InvalidOperationException($"{plan.Name}.{column.Name} = {value} points outside its template case.");
            case ColumnKind.Guid:
                // A foreign key to something not copied keeps its value; anything else (versions, calendar ids) is new.
                return value is not string guid ? value
                    : ids.TryGetValue(guid, out var mapped) ? mapped
                    : column.IsForeignKey ? guid
                    : MatchCase(guid, Guid.NewGuid().ToString());
            case ColumnKind.Text:
                return value is string text ? Rewrite(text, spec, ids, keys) : value;
            case ColumnKind.Instant:
                return WriteInstant(column, ReadInstant(column, value) - spec.Shift);
            case ColumnKind.Date:
                return DateOnly.ParseExact((string)value, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-(int)Math.Round(spec.Shift.TotalDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case ColumnKind.DateTime:
                return DateTime.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).Subtract(spec.Shift).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            default:
                return value;
        }
    }

    private string Rewrite(string text, CloneSpec spec, Dictionary<string, string> ids, Dictionary<(TablePlan, long), long> keys)
    {
        if (text.Length >= 36)
        {
            text = GuidPattern().Replace(text, m => ids.TryGetValue(m.Value, out var to) ? MatchCase(m.Value, to) : m.Value);
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            text = ReferencePattern().Replace(text, m =>
                _referenceTables.TryGetValue(m.Groups[1].Value, out var plan)
                && keys.TryGetValue((plan, long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)), out var id)
                    ? $"{m.Groups[1].Value}:{id.ToString(CultureInfo.InvariantCulture)}"
                    : m.Value);
        }

        // Dates written into text ("Appeals accepted until 23 December 2026") move with the case.
        if (spec.Shift >= TimeSpan.FromDays(1) && text.Length >= 10)
        {
            var days = (int)Math.Round(spec.Shift.TotalDays);
            text = DatePattern().Replace(text, m =>
                DateOnly.TryParseExact(m.Value, "d MMMM yyyy", UkCulture, DateTimeStyles.None, out var date)
                    ? date.AddDays(-days).ToString("d MMMM yyyy", UkCulture)
                    : m.Value);
        }

        foreach (var (from, to) in spec.Text)
        {
            if (from.Length > 0 && text.Contains(from, StringComparison.Ordinal))
            {
                text = text.Replace(from, to, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static DateTimeOffset ReadInstant(ColumnPlan column, object value) =>
        column.Converter is { } converter
            ? (DateTimeOffset)converter.ConvertFromProvider(value)!
            : DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture);

    private static object WriteInstant(ColumnPlan column, DateTimeOffset value) =>
        column.Converter is { } converter
            ? converter.ConvertToProvider(value)!
            : value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static string MatchCase(string original, string replacement) =>
        original.Any(char.IsAsciiLetterUpper) ? replacement.ToUpperInvariant() : replacement.ToLowerInvariant();

    private void AddRows(TablePlan plan, IEnumerable<(int Template, object?[] Row)> rows)
    {
        foreach (var (template, row) in rows)
        {
            if (!_templateRows.TryGetValue(template, out var list))
            {
                _templateRows[template] = list = [];
            }

            list.Add((plan, row));
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = _db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await _db.Database.OpenConnectionAsync(cancellationToken);
        }

        return connection;
    }

    private static void Classify(TablePlan plan, Dictionary<ITable, TablePlan> plans, ITable casesTable, ITable usersTable)
    {
        var primaryKey = plan.Table.PrimaryKey?.Columns ?? [];
        foreach (var column in plan.Table.Columns)
        {
            var mapping = column.PropertyMappings[0];
            var property = mapping.Property;
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            var owner = property.DeclaringType.ClrType;
            var foreignKey = plan.Table.ForeignKeyConstraints.FirstOrDefault(fk => fk.Columns.Count == 1 && fk.Columns[0] == column);
            var parent = foreignKey is not null && plans.TryGetValue(foreignKey.PrincipalTable, out var principal) ? principal : null;
            var kind = (owner, property.Name) switch
            {
                _ when owner == typeof(Apprentice) && property.Name == nameof(Apprentice.Uln) => ColumnKind.Uln,
                _ when owner == typeof(Apprentice) && property.Name == nameof(Apprentice.GivenNames) => ColumnKind.GivenNames,
                _ when owner == typeof(Apprentice) && property.Name == nameof(Apprentice.FamilyName) => ColumnKind.FamilyName,
                _ when owner == typeof(Apprentice) && property.Name == nameof(Apprentice.Email) => ColumnKind.Email,
                _ when owner == typeof(Apprentice) && property.Name == nameof(Apprentice.OrganisationId) => ColumnKind.OrganisationId,
                _ when owner == typeof(EpaCase) && property.Name == nameof(EpaCase.OrganisationId) => ColumnKind.OrganisationId,
                _ when owner == typeof(StoredFile) && property.Name == nameof(StoredFile.StorageKey) => ColumnKind.StorageKey,
                _ when owner == typeof(PortalUser) && property.Name == nameof(PortalUser.SecurityStamp) => ColumnKind.SecurityStamp,
                _ when owner == typeof(AuditEntry) && property.Name is nameof(AuditEntry.Sequence) or nameof(AuditEntry.PreviousHash) or nameof(AuditEntry.Hash) => ColumnKind.ChainLink,
                _ when primaryKey.Count == 1 && primaryKey[0] == column && plans.ContainsValue(plan) && (type == typeof(int) || type == typeof(long)) => ColumnKind.Key,
                _ when parent is not null && (type == typeof(int) || type == typeof(long)) => ColumnKind.Parent,
                _ when foreignKey is null && column.Name == "CaseId" && type == typeof(int) && plan.Table != casesTable => ColumnKind.Parent,
                _ when type == typeof(Guid) => ColumnKind.Guid,
                _ when type == typeof(DateTimeOffset) => ColumnKind.Instant,
                _ when type == typeof(DateOnly) => ColumnKind.Date,
                _ when type == typeof(DateTime) => ColumnKind.DateTime,
                _ when type == typeof(string) => ColumnKind.Text,

                // Lists stored as JSON text (evidence references, competency ids) and enums by name.
                _ when string.Equals(column.StoreType, "TEXT", StringComparison.OrdinalIgnoreCase) => ColumnKind.Text,
                _ => ColumnKind.Copy,
            };
            if (kind == ColumnKind.Parent && parent is null)
            {
                parent = plans[casesTable];
            }

            plan.Columns.Add(new ColumnPlan(column.Name, kind, mapping.TypeMapping.Converter, kind == ColumnKind.Parent ? parent : null,
                foreignKey?.PrincipalTable == usersTable, plan.Table.ForeignKeyConstraints.Any(fk => fk.Columns.Contains(column))));
        }

        if (primaryKey.Count == 1)
        {
            plan.KeyIndex = plan.Columns.FindIndex(c => c.Name == primaryKey[0].Name);
            plan.KeyKind = plan.Columns[plan.KeyIndex].Kind;
        }
    }

    /// <summary>A unique index stays unique in the copies only if one of its columns is new in every copy.</summary>
    private static void CheckUniqueIndexes(TablePlan plan)
    {
        var fresh = new HashSet<ColumnKind> { ColumnKind.Key, ColumnKind.Parent, ColumnKind.Guid, ColumnKind.Uln, ColumnKind.Email, ColumnKind.StorageKey, ColumnKind.SecurityStamp, ColumnKind.ChainLink };
        var unique = plan.Table.Indexes.Where(i => i.IsUnique).Select(i => (i.Name, i.Columns))
            .Concat(plan.Table.UniqueConstraints.Select(u => (u.Name, u.Columns)));
        foreach (var (name, columns) in unique)
        {
            var ok = columns.Any(c => plan.Columns.First(p => p.Name == c.Name) is var column
                && (fresh.Contains(column.Kind) || column.ReferencesUser || (plan.Columns.IndexOf(column) == plan.KeyIndex && column.Kind == ColumnKind.Text)
                    || (column.Kind == ColumnKind.Text && column.Name.StartsWith("Normalized", StringComparison.Ordinal))));
            if (!ok)
            {
                throw new InvalidOperationException(
                    $"The volume copier would break the unique index {name} on {plan.Name}: none of its columns ({string.Join(", ", columns.Select(c => c.Name))}) gets a new value in each copy. Teach VolumeCloner a fresh value for one of them.");
            }
        }
    }

    private static List<ITable> TopologicalOrder(HashSet<ITable> tables)
    {
        var order = new List<ITable>();
        var remaining = tables.ToHashSet();
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(t => t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || !remaining.Contains(fk.PrincipalTable))).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException($"The volume copier found a foreign-key cycle between {string.Join(", ", remaining.Select(t => t.Name))}.");
            }

            order.AddRange(ready);
            remaining.ExceptWith(ready);
        }

        return order;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"\b(PortfolioItem|InterviewAnswer):(\d+)\b")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\b([1-9]|[12][0-9]|3[01]) (January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{4}\b")]
    private static partial Regex DatePattern();

    private sealed class TablePlan(ITable table)
    {
        public ITable Table { get; } = table;

        public string Name => Table.Name;

        public List<ColumnPlan> Columns { get; } = [];

        public int KeyIndex { get; set; } = -1;

        public ColumnKind KeyKind { get; set; }

        public string KeyColumn => Columns[KeyIndex].Name;

        public long NextId { get; set; }
    }

    private sealed record ColumnPlan(string Name, ColumnKind Kind, ValueConverter? Converter, TablePlan? Parent, bool ReferencesUser, bool IsForeignKey);
}
