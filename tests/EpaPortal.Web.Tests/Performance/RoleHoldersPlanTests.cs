using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>
/// A role's people are found from the role (Identity's role-name index, then AspNetUserRoles.RoleId), never by
/// checking every account's roles: at 100,000 cases there are 100,000 apprentice accounts, and the old shape made
/// the reports page spend 424 ms reading them (issue 26). SQLite plans from the schema alone here (no statistics),
/// so the plan is the same at any volume.
/// </summary>
[Trait(Category.Name, Category.Performance)]
public sealed class RoleHoldersPlanTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task PeopleOfARole_AreFoundThroughTheIndexes_WithoutScanningAccountsOrTheirRoles()
    {
        var plan = await factory.WithDbAsync(async db =>
        {
            var assessors = PortalUsers.HolderIds(db, Roles.Assessor);
            var sql = db.Users.Where(u => u.DisabledAt == null && assessors.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToQueryString();
            return await PlanAsync((SqliteConnection)db.Database.GetDbConnection(), sql);
        });

        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN ", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("RoleNameIndex", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("IX_AspNetUserRoles_RoleId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOldShape_CheckingEveryAccountsRoles_ScansThem()
    {
        // The shape replaced: kept here so the test above is known to tell the two apart.
        var plan = await factory.WithDbAsync(async db =>
        {
            var sql = db.Users.Where(u => u.DisabledAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Assessor)))
                .Select(u => new { u.Id, u.DisplayName }).ToQueryString();
            return await PlanAsync((SqliteConnection)db.Database.GetDbConnection(), sql);
        });

        Assert.Contains(plan, line => line.StartsWith("SCAN ", StringComparison.Ordinal));
    }

    private static async Task<List<string>> PlanAsync(SqliteConnection connection, string sql)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        // ToQueryString declares the parameters as .param set lines before the statement: keep the statement only.
        var statement = string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(statement, "@\\w+").Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, name.Contains("key", StringComparison.Ordinal) ? "ASSESSOR" : "x");
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }
}
