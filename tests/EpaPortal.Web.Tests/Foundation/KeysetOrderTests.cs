using EpaPortal.Domain.Auditing;
using EpaPortal.Domain.Organisations;
using EpaPortal.TestSupport;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Foundation;

/// <summary>
/// The keyset pager itself, over the real database: any sort key with the id as tie-break (text, as a
/// sortable column would add, and instants), forwards and backwards, and links that are not cursors.
/// </summary>
[Trait(Category.Name, Category.Integration)]
public class KeysetOrderTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly KeysetOrder<Apprentice, string, int> ByFamilyName = new("name", a => a.FamilyName, a => a.Id, descending: false);

    private static readonly KeysetOrder<AuditEntry, DateTimeOffset, long> NewestFirst = new("newest", a => a.At, a => a.Id, descending: true);

    [Fact]
    public async Task TextKey_PagesForwardsAndBackwards_InTheOrderOfTheDatabase_TiesByIdentifier()
    {
        await AddApprenticesAsync("Keyset", "Keyset", "Keyset~Tilde", "O'Keyset", "keyset", "Keysetter", "Keyset");
        var expected = await factory.WithDbAsync(db => db.Apprentices.Where(a => EF.Functions.Like(a.FamilyName, "%eyset%"))
            .OrderBy(a => a.FamilyName).ThenBy(a => a.Id).Select(a => a.Id).ToListAsync());
        Assert.True(expected.Count >= 7);

        var forwards = new List<int>();
        var request = PageRequest.First;
        KeysetPage<(string Name, int Id)> page;
        var pages = new List<KeysetPage<(string Name, int Id)>>();
        do
        {
            page = await PageAsync(request);
            pages.Add(page);
            forwards.AddRange(page.Items.Select(i => i.Id));
            request = new PageRequest(After: page.Next);
        }
        while (page.Next is not null);

        Assert.Equal(expected, forwards);
        Assert.Null(pages[0].Previous);
        Assert.All(pages.Skip(1), p => Assert.NotNull(p.Previous));

        // Back from the last page, page by page, to the first.
        var backwards = new List<int>();
        for (var previous = pages[^1]; ; )
        {
            backwards.InsertRange(0, previous.Items.Select(i => i.Id));
            if (previous.Previous is null)
            {
                break;
            }

            previous = await PageAsync(new PageRequest(Before: previous.Previous));
        }

        Assert.Equal(expected, backwards);
    }

    [Fact]
    public void Cursor_WritesAndReadsItsKeyAndId_AndRefusesWhatIsNotOne()
    {
        Assert.Equal(("Keyset~Tilde", 42), ByFamilyName.Parse(ByFamilyName.Format("Keyset~Tilde", 42)));
        var at = new DateTimeOffset(2026, 12, 7, 10, 15, 30, TimeSpan.FromHours(1));
        var parsed = NewestFirst.Parse(NewestFirst.Format(at, 7L));
        Assert.Equal((at, 7L), parsed);
        Assert.Null(NewestFirst.Parse("yesterday~7"));
        Assert.Null(NewestFirst.Parse("638~"));
        Assert.Null(NewestFirst.Parse("12"));
        Assert.Null(ByFamilyName.Parse(new string('x', 500) + "~1"));
    }

    [Fact]
    public async Task NotACursor_GivesTheFirstPage_AndSaysWhy()
    {
        var first = await AuditPageAsync(PageRequest.First);
        var broken = await AuditPageAsync(new PageRequest(After: "not-a-cursor"));

        Assert.Equal(first.Items, broken.Items);
        Assert.Null(first.Problem);
        Assert.Contains("not valid any more", broken.Problem, StringComparison.Ordinal);
    }

    private Task<KeysetPage<(DateTimeOffset At, long Id)>> AuditPageAsync(PageRequest request) =>
        factory.WithDbAsync(db => NewestFirst.PageAsync(
            db.AuditEntries.AsNoTracking(), request, 3, a => new ValueTuple<DateTimeOffset, long>(a.At, a.Id), r => r.Item1, r => r.Item2, CancellationToken.None));

    private Task<KeysetPage<(string Name, int Id)>> PageAsync(PageRequest request) =>
        factory.WithDbAsync(db => ByFamilyName.PageAsync(
            db.Apprentices.AsNoTracking().Where(a => EF.Functions.Like(a.FamilyName, "%eyset%")),
            request,
            2,
            a => new ValueTuple<string, int>(a.FamilyName, a.Id),
            r => r.Item1,
            r => r.Item2,
            CancellationToken.None));

    private async Task AddApprenticesAsync(params string[] familyNames)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var organisationId = await factory.WithDbAsync(db => db.Organisations.Select(o => o.Id).FirstAsync());
        foreach (var name in familyNames)
        {
            await scenarios.CreateApprenticeAsync(organisationId, name: $"Kit {name}");
        }
    }
}
