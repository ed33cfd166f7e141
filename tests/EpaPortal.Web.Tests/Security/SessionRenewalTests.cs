using System.Security.Claims;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Security;

/// <summary>
/// Renewals of one session that arrive together (the minute's security-stamp check, a page's requests) are
/// written once; a changed ticket is always written; a signed-out session stays signed out.
/// </summary>
[Trait(Category.Name, Category.Security)]
[Trait(Category.Name, Category.Performance)]
public class SessionRenewalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private string? _userId;

    private DatabaseTicketStore Store => factory.Services.GetRequiredService<DatabaseTicketStore>();

    [Fact]
    public async Task SameTicketRenewedTogether_IsWrittenOnce()
    {
        await KnowTheUserAsync();
        var key = await Store.StoreAsync(Ticket("role-a", issuedMinutesAgo: 2));

        // Sixteen requests of the session renew it at once, each with its own issue time (tickets keep whole
        // seconds, so the tickets are told apart by seconds).
        var renewals = Enumerable.Range(0, 16).Select(i => Ticket("role-a", issuedMinutesAgo: 0, offsetSeconds: i)).ToList();
        await Task.WhenAll(renewals.Select(t => Store.RenewAsync(key, t)));

        var stored = await Store.RetrieveAsync(key);
        Assert.NotNull(stored);
        Assert.Contains(stored.Properties.IssuedUtc, renewals.Select(t => t.Properties.IssuedUtc));
        // More renewals of the same ticket within the window, one after another: none is written.
        Assert.Equal(0, await CountWritesAsync(key, Enumerable.Range(100, 15).Select(i => Ticket("role-a", 0, i))));
    }

    [Fact]
    public async Task ChangedTicket_IsWrittenAtOnce_AndAnIdenticalOneAfterTheWindow()
    {
        await KnowTheUserAsync();
        var key = await Store.StoreAsync(Ticket("role-a", issuedMinutesAgo: 2));
        await Store.RenewAsync(key, Ticket("role-a", 0));

        // New claims within the window (e.g. a refreshed sign-in after enabling two-factor): written.
        await Store.RenewAsync(key, Ticket("role-b", 0, offsetSeconds: 5));
        Assert.Equal("role-b", (await Store.RetrieveAsync(key))!.Principal.FindFirstValue(ClaimTypes.Role));

        // The same claims again, within the window: skipped; after it: written.
        var early = Ticket("role-b", 0, offsetSeconds: 10);
        await Store.RenewAsync(key, early);
        Assert.NotEqual(early.Properties.IssuedUtc, (await Store.RetrieveAsync(key))!.Properties.IssuedUtc);
        factory.Clock.Advance(DatabaseTicketStore.CoalesceWindow + TimeSpan.FromSeconds(1));
        var late = Ticket("role-b", 0, offsetSeconds: 20);
        await Store.RenewAsync(key, late);
        Assert.Equal(late.Properties.IssuedUtc, (await Store.RetrieveAsync(key))!.Properties.IssuedUtc);
    }

    [Fact]
    public async Task RenewalAfterSignOut_DoesNotBringTheSessionBack()
    {
        await KnowTheUserAsync();
        var key = await Store.StoreAsync(Ticket("role-a", issuedMinutesAgo: 2));
        await Store.RenewAsync(key, Ticket("role-a", 0));
        await Store.RemoveAsync(key);

        await Store.RenewAsync(key, Ticket("role-a", 0, offsetSeconds: 5));
        await Store.RenewAsync(key, Ticket("role-b", 0, offsetSeconds: 6));

        Assert.Null(await Store.RetrieveAsync(key));
    }

    /// <summary>Sessions belong to a real user (the table's foreign key): the demo assessor.</summary>
    private async Task KnowTheUserAsync() =>
        _userId ??= await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.Assessor).Select(u => u.Id).SingleAsync());

    /// <summary>Renews with each ticket and counts those that changed the stored ticket.</summary>
    private async Task<int> CountWritesAsync(string key, IEnumerable<AuthenticationTicket> tickets)
    {
        var writes = 0;
        foreach (var ticket in tickets)
        {
            var before = (await Store.RetrieveAsync(key))!.Properties.IssuedUtc;
            await Store.RenewAsync(key, ticket);
            if ((await Store.RetrieveAsync(key))!.Properties.IssuedUtc != before)
            {
                writes++;
            }
        }

        return writes;
    }

    private AuthenticationTicket Ticket(string role, int issuedMinutesAgo, int offsetSeconds = 0)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, _userId!), new Claim(ClaimTypes.Role, role)],
            "Identity.Application");
        var issued = factory.Clock.GetUtcNow().AddMinutes(-issuedMinutesAgo).AddSeconds(offsetSeconds);
        var properties = new AuthenticationProperties { IssuedUtc = issued, ExpiresUtc = issued.AddHours(8) };
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, "Identity.Application");
    }
}
