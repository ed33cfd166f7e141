using System.Text.RegularExpressions;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>
/// Every query the budget pages issue, replayed under SQLite's EXPLAIN QUERY PLAN against the large
/// database: none may read a large table row by row without an index ("SCAN Cases"). Walking an index in
/// order ("SCAN c USING INDEX ..." for ORDER BY with LIMIT, or a covering index for COUNT) is accepted.
/// </summary>
[Trait(Category.Name, Category.Performance)]
[Collection(VolumeCollection.Name)]
public partial class QueryPlanTests(VolumeFixture volume)
{
    /// <summary>Tables with at least this many rows at the large volume count as large.</summary>
    private const int LargeTableRows = 1000;

    [Theory]
    [MemberData(nameof(BudgetPages.Names), MemberType = typeof(BudgetPages))]
    public async Task PageQueries_UseAnIndex_OnEveryLargeTable(string name)
    {
        var page = BudgetPages.Find(name);
        var probe = await volume.Large.ProbeAsync(page.Email(volume), page.Url(volume));
        await using var connection = new SqliteConnection($"Data Source={volume.Large.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        var large = await LargeTablesAsync(connection);
        Assert.Contains("Cases", large);

        var problems = new List<string>();
        foreach (var command in probe.Commands.Where(c => c.IsSelect))
        {
            var aliases = Aliases(command.Sql);
            var plan = await PlanAsync(connection, command);
            foreach (var line in plan)
            {
                var scan = BareScan().Match(line);
                if (scan.Success && aliases.GetValueOrDefault(scan.Groups[1].Value, scan.Groups[1].Value) is var table && large.Contains(table)
                    && !IsOrderedKeyWalk(command.Sql, table, scan.Groups[1].Value, plan))
                {
                    problems.Add($"{line} (table {table}) in:{Environment.NewLine}{command.Sql}");
                }

                // Reading a whole index is a full scan too (a window function numbering every row of a table,
                // say), unless the command counts or groups, or walks the index in order up to a LIMIT.
                var indexScan = IndexScan().Match(line);
                if (indexScan.Success && aliases.GetValueOrDefault(indexScan.Groups[1].Value, indexScan.Groups[1].Value) is var indexed && large.Contains(indexed)
                    && !IsAggregate(command.Sql) && !IsOrderedIndexWalk(command.Sql, indexed, indexScan.Groups[1].Value, plan))
                {
                    problems.Add($"{line} (table {indexed}, the whole index) in:{Environment.NewLine}{command.Sql}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, problems));
    }

    [Fact]
    public async Task PlanCheck_CatchesAFullScan()
    {
        // The check itself: an unindexed filter on Cases is reported.
        await using var connection = new SqliteConnection($"Data Source={volume.Large.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        var plan = await PlanAsync(connection, new RecordedCommand("SELECT \"c\".\"Id\" FROM \"Cases\" AS \"c\" WHERE \"c\".\"PortfolioReturnReason\" = @reason", [("@reason", "x")]));
        Assert.Contains(plan, line => BareScan().Match(line) is { Success: true } m && m.Groups[1].Value == "c");
    }

    [Fact]
    public async Task PlanCheck_AcceptsAPageWalkedInKeyOrder_ButNotAFilteredOne()
    {
        // SQLite reads "newest first, 100 rows" by walking the primary key backwards and stopping at the
        // limit: the plan says "SCAN c", but only a page of rows is read. With a filter the walk may read
        // the whole table to fill the page, so that stays a problem.
        await using var connection = new SqliteConnection($"Data Source={volume.Large.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        var walk = new RecordedCommand("SELECT \"c\".\"Id\" FROM \"Cases\" AS \"c\" ORDER BY \"c\".\"Id\" DESC LIMIT @p", [("@p", 100)]);
        var walkPlan = await PlanAsync(connection, walk);
        Assert.Contains("SCAN c", walkPlan);
        Assert.True(IsOrderedKeyWalk(walk.Sql, "Cases", "c", walkPlan));

        var filtered = new RecordedCommand("SELECT \"c\".\"Id\" FROM \"Cases\" AS \"c\" WHERE \"c\".\"PortfolioReturnReason\" = @r ORDER BY \"c\".\"Id\" DESC LIMIT @p", [("@r", "x"), ("@p", 100)]);
        Assert.False(IsOrderedKeyWalk(filtered.Sql, "Cases", "c", await PlanAsync(connection, filtered)));
        var unordered = new RecordedCommand("SELECT \"c\".\"Id\" FROM \"Cases\" AS \"c\" ORDER BY \"c\".\"CreatedAt\" LIMIT @p", [("@p", 100)]);
        Assert.False(IsOrderedKeyWalk(unordered.Sql, "Cases", "c", await PlanAsync(connection, unordered)));
    }

    /// <summary>
    /// A scan that is a page walked in primary-key order: the table read with no filter at all, ordered by its
    /// key "Id" and limited, without a temporary sort (so SQLite stops after the page).
    /// </summary>
    private static bool IsOrderedKeyWalk(string sql, string table, string alias, IReadOnlyList<string> plan) =>
        !plan.Any(line => line.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal))
        && Regex.IsMatch(sql, $"FROM \"{Regex.Escape(table)}\" AS \"{Regex.Escape(alias)}\"\\s+ORDER BY \"{Regex.Escape(alias)}\"\\.\"Id\"( DESC)?\\s+LIMIT ", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>A command that only counts or groups (reading a covering index whole is its cheapest plan).</summary>
    private static bool IsAggregate(string sql) =>
        Regex.IsMatch(sql, "^\\s*SELECT COUNT\\(\\*\\)", RegexOptions.None, TimeSpan.FromSeconds(1))
        || sql.Contains("GROUP BY", StringComparison.Ordinal);

    /// <summary>The table's own subquery orders and limits (no other FROM in between): an index walked up to a page.</summary>
    private static bool IsOrderedIndexWalk(string sql, string table, string alias, IReadOnlyList<string> plan) =>
        !plan.Any(line => line.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal))
        && Regex.IsMatch(sql, $"FROM \"{Regex.Escape(table)}\" AS \"{Regex.Escape(alias)}\"(?:(?!FROM)[\\s\\S])*?ORDER BY[^()]*?LIMIT ", RegexOptions.None, TimeSpan.FromSeconds(1));

    [GeneratedRegex("^SCAN (\\S+) USING (?:COVERING )?INDEX ")]
    private static partial Regex IndexScan();

    private static async Task<HashSet<string>> LargeTablesAsync(SqliteConnection connection)
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var large = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            if (Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= LargeTableRows)
            {
                large.Add(table);
            }
        }

        return large;
    }

    private static async Task<List<string>> PlanAsync(SqliteConnection connection, RecordedCommand recorded)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + recorded.Sql;
        foreach (var (name, value) in recorded.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }

    /// <summary>EF Core names every table with an alias: "Cases" AS "c".</summary>
    private static Dictionary<string, string> Aliases(string sql) =>
        AliasPattern().Matches(sql).GroupBy(m => m.Groups[2].Value).ToDictionary(g => g.Key, g => g.First().Groups[1].Value, StringComparer.Ordinal);

    [GeneratedRegex("^SCAN (\\S+)$")]
    private static partial Regex BareScan();

    [GeneratedRegex("\"(\\w+)\" AS \"(\\w+)\"")]
    private static partial Regex AliasPattern();
}
