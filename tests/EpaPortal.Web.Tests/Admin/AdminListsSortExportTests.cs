using System.Globalization;
using System.Net;
using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>
/// Issue 21, item 2, on the admin's other lists (apprentices, users, organisations, audit log): every sortable
/// column sorts on the server either way with the id the tie-break, the sort stays in the URL through every
/// keyset page, and the filtered list downloads as CSV in the same order, formula-guarded, for admins only.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class AdminListsSortExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>More than a page (50), with ties on every sort key so that the id tie-break shows.</summary>
    private const int Rows = 57;

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("uln")]
    [InlineData("-uln")]
    [InlineData("started")]
    [InlineData("-started")]
    public async Task Apprentices_EachColumnSortsBothWays_StableAcrossPages(string sort)
    {
        var token = Token("Apsort");
        var ids = await AddApprenticesAsync(token);
        var rows = await factory.WithDbAsync(db => db.Apprentices.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.FamilyName, a.Uln, a.StartDate }).ToListAsync());
        var expected = (sort.TrimStart('-') switch
        {
            "name" => Order(rows, r => r.FamilyName, r => r.Id, sort),
            "uln" => Order(rows, r => r.Uln, r => r.Id, sort),
            _ => Order(rows, r => r.StartDate.DayNumber, r => r.Id, sort),
        }).Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToList();

        using var admin = await factory.SignInAsync(Demo.Admin);
        var shown = await WalkAsync(admin, $"/admin/apprentices?q={token}&sort={sort}", "#apprentices-table tr[data-apprentice-id]", "data-apprentice-id", sort, $"q={token}");
        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task Apprentices_HeaderTurnsTheSortRound_AndTheExportHasTheSearchInItsSort_WithoutFormulas()
    {
        var token = Token("Apxsort");
        var ids = await AddApprenticesAsync(token, count: 4, givenNames: "=HYPERLINK(\"http://evil.example\")");
        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, page) = await admin.GetPageAsync($"/admin/apprentices?q={token}&sort=-started");
        var sorted = page.QuerySelector("#apprentices-table th[aria-sort]")!;
        Assert.Equal("descending", sorted.GetAttribute("aria-sort"));
        Assert.Contains("sort=started", sorted.QuerySelector("a")!.GetAttribute("href")!, StringComparison.Ordinal);

        var export = page.QuerySelector("#apprentices-export")!.GetAttribute("href")!;
        Assert.StartsWith("/admin/apprentices/export.csv?", export, StringComparison.Ordinal);
        var lines = await CsvLinesAsync(admin, export);
        Assert.Equal("Name,ULN,Organisation,Started,Portal account,Cases", lines[0]);
        var rows = await factory.WithDbAsync(db => db.Apprentices.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Uln, a.StartDate }).ToListAsync());
        Assert.Equal(rows.OrderByDescending(r => r.StartDate).ThenByDescending(r => r.Id).Select(r => r.Uln), lines.Skip(1).Select(l => Cells(l)[1]));
        Assert.All(lines.Skip(1), l => Assert.StartsWith("\"'=HYPERLINK(", l, StringComparison.Ordinal));

        await AssertAdminOnlyAsync(export);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("email")]
    [InlineData("-email")]
    public async Task Users_EachColumnSortsBothWays_StableAcrossPages(string sort)
    {
        var token = Token("Ussort");
        var ids = await AddUsersAsync(token);
        var rows = await factory.WithDbAsync(db => db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync());
        var expected = (sort.TrimStart('-') == "name"
            ? Order(rows, r => r.DisplayName, r => r.Id, sort)
            : Order(rows, r => r.Email!, r => r.Id, sort)).Select(r => r.Id).ToList();

        using var admin = await factory.SignInAsync(Demo.Admin);
        var shown = await WalkAsync(admin, $"/admin/users?q={token}&role={Roles.Employer}&sort={sort}", "#users-table tr[data-user-id]", "data-user-id", sort, $"role={Roles.Employer}");
        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task Users_ExportHasTheFilteredListInItsSort_WithRoles_WithoutFormulas()
    {
        var token = Token("Usxsort");
        var ids = await AddUsersAsync(token, count: 3, namePrefix: "@SUM(1+1) ");
        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, page) = await admin.GetPageAsync($"/admin/users?q={token}&role={Roles.Employer}&sort=-email");
        var export = page.QuerySelector("#users-export")!.GetAttribute("href")!;
        Assert.StartsWith("/admin/users/export.csv?", export, StringComparison.Ordinal);
        Assert.Contains("sort=-email", export, StringComparison.Ordinal);

        var lines = await CsvLinesAsync(admin, export);
        Assert.Equal("Name,E-mail,Roles,Organisation,Status", lines[0]);
        var emails = await factory.WithDbAsync(db => db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync());
        Assert.Equal(Order(emails, e => e.Email!, e => e.Id, "-email").Select(e => e.Email), lines.Skip(1).Select(l => Cells(l)[1]));
        Assert.All(lines.Skip(1), l => Assert.StartsWith("'@SUM(1+1)", Cells(l)[0], StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Equal(Roles.Label(Roles.Employer), Cells(l)[2]));

        await AssertAdminOnlyAsync(export);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("added")]
    [InlineData("-added")]
    public async Task Organisations_EachSortBothWays_StableAcrossPages(string sort)
    {
        await AddOrganisationsAsync();
        var rows = await factory.WithDbAsync(db => db.Organisations.Select(o => new { o.Id, o.Name }).ToListAsync());
        var expected = (sort.TrimStart('-') == "name" ? Order(rows, r => r.Name, r => r.Id, sort) : Order(rows, r => r.Id, r => r.Id, sort))
            .Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToList();

        using var admin = await factory.SignInAsync(Demo.Admin);
        var shown = await WalkAsync(admin, $"/admin/organisations?sort={sort}", "#organisations-table tr[data-organisation-id]", "data-organisation-id", sort, null);
        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task Organisations_ExportIsEveryOrganisationInTheSort_WithoutFormulas()
    {
        await AddOrganisationsAsync();
        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, page) = await admin.GetPageAsync("/admin/organisations?sort=-name");
        Assert.Equal("descending", page.QuerySelector("#organisations-table th[aria-sort]")!.GetAttribute("aria-sort"));
        var export = page.QuerySelector("#organisations-export")!.GetAttribute("href")!;
        Assert.Equal("/admin/organisations/export.csv?sort=-name", export);

        var lines = await CsvLinesAsync(admin, export);
        Assert.Equal("Name,Kind,UKPRN,Apprentices,Employer users,Conflicts in force", lines[0]);
        var names = await factory.WithDbAsync(db => db.Organisations.Select(o => new { o.Id, o.Name }).ToListAsync());
        var expected = Order(names, n => n.Name, n => n.Id, "-name").Select(n => n.Name.StartsWith('=') ? "'" + n.Name : n.Name).ToList();
        Assert.Equal(expected, lines.Skip(1).Select(l => Cells(l)[0]));
        Assert.Contains(lines, l => l.StartsWith("'=1+1 Sort Org,", StringComparison.Ordinal));

        await AssertAdminOnlyAsync(export);
    }

    [Theory]
    [InlineData("at")]
    [InlineData("-at")]
    public async Task AuditLog_SortsByTimeBothWays_StableAcrossPages_WithTies(string sort)
    {
        var action = "SortTest" + Token("A");
        var ids = await AddAuditEntriesAsync(action, "ordinary");
        var rows = await factory.WithDbAsync(db => db.AuditEntries.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.At }).ToListAsync());
        var expected = Order(rows, r => r.At.UtcTicks, r => r.Id, sort).Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToList();

        using var admin = await factory.SignInAsync(Demo.Admin);
        var shown = await WalkAsync(admin, $"/admin/audit?kind={action}&sort={sort}", "#audit-table tr[data-audit-id]", "data-audit-id", sort, $"kind={action}");
        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task AuditLog_ExportHasTheFilteredEntriesInItsSort_FormulaGuarded_AdminsOnly()
    {
        var action = "SortExport" + Token("A");
        var ids = await AddAuditEntriesAsync(action, "=cmd|' /C calc'!A0", count: 5);
        using var admin = await factory.SignInAsync(Demo.Admin);
        var (_, page) = await admin.GetPageAsync($"/admin/audit?kind={action}&sort=at");
        Assert.Equal("ascending", page.QuerySelector("#audit-table th[aria-sort]")!.GetAttribute("aria-sort"));
        var export = page.QuerySelector("#audit-export")!.GetAttribute("href")!;
        Assert.StartsWith("/admin/audit/export.csv?", export, StringComparison.Ordinal);
        Assert.Contains("sort=at", export, StringComparison.Ordinal);

        var lines = await CsvLinesAsync(admin, export);
        Assert.Equal("Entry,When,Who,Action,Case,From,To,Reason,Details", lines[0]);
        var rows = await factory.WithDbAsync(db => db.AuditEntries.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.At }).ToListAsync());
        Assert.Equal(Order(rows, r => r.At.UtcTicks, r => r.Id, "at").Select(r => r.Id.ToString(CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => Cells(l)[0]));
        Assert.All(lines.Skip(1), l => Assert.Equal("'=cmd|' /C calc'!A0", Cells(l)[^1]));

        await AssertAdminOnlyAsync(export);
    }

    private static string Token(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private static IEnumerable<T> Order<T, TKey, TId>(IEnumerable<T> rows, Func<T, TKey> key, Func<T, TId> id, string sort)
    {
        var keys = Comparer<TKey>.Create((a, b) => a is string x && b is string y ? string.CompareOrdinal(x, y) : Comparer<TKey>.Default.Compare(a, b));
        var ids = Comparer<TId>.Create((a, b) => a is string x && b is string y ? string.CompareOrdinal(x, y) : Comparer<TId>.Default.Compare(a, b));
        return sort.StartsWith('-') ? rows.OrderByDescending(key, keys).ThenByDescending(id, ids) : rows.OrderBy(key, keys).ThenBy(id, ids);
    }

    /// <summary>Every page of a list from <paramref name="url"/>, following "Next": each link keeps the sort (and the filter).</summary>
    private static async Task<List<string>> WalkAsync(PortalClient client, string url, string rowSelector, string idAttribute, string sort, string? filter)
    {
        var shown = new List<string>();
        var pages = 0;
        string? next = url;
        while (next is not null)
        {
            var (response, page) = await client.GetPageAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            shown.AddRange(page.QuerySelectorAll(rowSelector).Select(r => r.GetAttribute(idAttribute)!));
            next = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
            if (next is not null)
            {
                Assert.Contains("sort=" + Uri.EscapeDataString(sort), next, StringComparison.Ordinal);
                Assert.Contains(filter ?? "sort=", next, StringComparison.Ordinal);
            }

            pages++;
            Assert.True(pages < 40, "The pager did not end.");
        }

        Assert.True(pages >= 2, $"{shown.Count} rows on {pages} page(s): the test needs more than one page");
        return shown;
    }

    private static async Task<string[]> CsvLinesAsync(PortalClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The cells of a CSV line (RFC 4180 quoting; no line breaks inside cells in these tests).</summary>
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    /// <summary>The export is behind the list's own policy: every other role is refused.</summary>
    private async Task AssertAdminOnlyAsync(string export)
    {
        foreach (var email in new[] { Demo.Employer, Demo.Assessor, Demo.QualityAssurer, Demo.Apprentice, Demo.Provider })
        {
            using var other = await factory.SignInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(export)).StatusCode);
        }
    }

    /// <summary>Apprentices whose names contain <paramref name="token"/>, with repeated family names and start dates (ties).</summary>
    private async Task<List<int>> AddApprenticesAsync(string token, int count = Rows, string? givenNames = null)
    {
        var organisationId = await AdminTestData.OrganisationIdAsync(factory, DemoDataSeeder.Acme);
        var ulns = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ulns.Add(await AdminTestData.NewUlnAsync(factory));
        }

        return await factory.WithDbAsync(async db =>
        {
            var added = ulns.Select((uln, i) => new Apprentice(uln, givenNames ?? $"Given {i:D2}", $"{token} {(char)('a' + i % 7)}", $"{uln}@sort.test", organisationId, new DateOnly(2025, 1, 1).AddDays(i % 5))).ToList();
            db.Apprentices.AddRange(added);
            await db.SaveChangesAsync();
            return added.Select(a => a.Id).ToList();
        });
    }

    /// <summary>Employer users whose names and e-mail addresses contain <paramref name="token"/>, with repeated names (ties).</summary>
    private async Task<List<string>> AddUsersAsync(string token, int count = Rows, string namePrefix = "")
    {
        var organisationId = await AdminTestData.OrganisationIdAsync(factory, DemoDataSeeder.Acme);
        return await factory.WithDbAsync(async db =>
        {
            var employerRole = await db.Roles.Where(r => r.Name == Roles.Employer).Select(r => r.Id).SingleAsync();
            var users = Enumerable.Range(0, count).Select(i =>
            {
                var email = $"{token.ToLowerInvariant()}-{(i * 37) % count:D2}@sort.test";
                return new PortalUser
                {
                    Id = Guid.NewGuid().ToString(),
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    DisplayName = $"{namePrefix}{token} {(char)('a' + i % 6)}",
                    OrganisationId = organisationId,
                    CreatedAt = factory.Clock.GetUtcNow(),
                };
            }).ToList();
            db.Users.AddRange(users);
            db.UserRoles.AddRange(users.Select(u => new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = u.Id, RoleId = employerRole }));
            await db.SaveChangesAsync();
            return users.Select(u => u.Id).ToList();
        });
    }

    /// <summary>Enough organisations for two pages (once per fixture), one of them named like a formula.</summary>
    private Task AddOrganisationsAsync() => factory.WithDbAsync(async db =>
    {
        if (await db.Organisations.AnyAsync(o => o.Name.StartsWith("Sort Org ")))
        {
            return;
        }

        db.Organisations.AddRange(Enumerable.Range(0, Rows).Select(i => new Organisation($"Sort Org {(i * 13) % Rows:D2}")));
        db.Organisations.Add(new Organisation("=1+1 Sort Org"));
        await db.SaveChangesAsync();
    });

    /// <summary>Audit entries of one action, several at each instant (ties on the time).</summary>
    private async Task<List<long>> AddAuditEntriesAsync(string action, string details, int count = Rows)
    {
        var start = factory.Clock.GetUtcNow().AddDays(-1);
        return await factory.WithDbAsync(async db =>
        {
            var entries = Enumerable.Range(0, count)
                .Select(i => new AuditEntry(start.AddMinutes((i * 7) % 10), "sort-test", "Sort test", action, null, null, null, null, details)).ToList();
            db.AuditEntries.AddRange(entries);
            await db.SaveChangesAsync();
            return entries.Select(e => e.Id).ToList();
        });
    }
}
