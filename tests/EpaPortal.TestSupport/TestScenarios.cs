using System.Globalization;
using System.Security.Cryptography;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.TestSupport;

/// <summary>
/// The tests' way to make data: new apprentices who can sign in, with fresh valid ULNs, and their cases
/// driven to any state by the portal's own <see cref="CaseScenarios"/> (the real workflow, as the demo data
/// uses it). Made over a request scope of the portal under test: <c>new TestScenarios(scope.ServiceProvider)</c>.
/// </summary>
public sealed class TestScenarios(IServiceProvider services)
{
    private readonly PortalDbContext _db = services.GetRequiredService<PortalDbContext>();

    /// <summary>
    /// A new apprentice with a sign-in account (password <paramref name="password"/>, or none) at the
    /// organisation, started long enough ago for the gateway, with a fresh valid ULN.
    /// </summary>
    public async Task<Apprentice> CreateApprenticeAsync(int organisationId, string? password = null, string? name = null, CancellationToken cancellationToken = default)
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var uln = await NewUlnAsync(cancellationToken);
        var email = $"apprentice-{uln}@scenario.test";
        var fullName = name ?? $"Scenario Apprentice {uln[^4..]}";
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = fullName, CreatedAt = now };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, Roles.Apprentice)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create the scenario apprentice {email}.");
        }

        var names = fullName.Split(' ', 2);
        var apprentice = new Apprentice(uln, names[0], names.Length > 1 ? names[1] : "Apprentice", email, organisationId, DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-15))
        {
            UserId = user.Id,
            PostalAddress = "3 Scenario Street, York YO1 1AA",
        };
        _db.Apprentices.Add(apprentice);
        await _db.SaveChangesAsync(cancellationToken);
        return apprentice;
    }

    /// <summary>
    /// A training provider organisation (a provider only, with <paramref name="ukprn"/>) and one Provider user of it
    /// who can sign in with <paramref name="password"/> (issue 19). Returns the organisation's id.
    /// </summary>
    public async Task<int> CreateProviderAsync(string name, string ukprn, string email, string password, CancellationToken cancellationToken = default)
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var organisation = new Organisation(name) { Ukprn = ukprn, IsEmployer = false, CreatedAt = now };
        _db.Organisations.Add(organisation);
        await _db.SaveChangesAsync(cancellationToken);
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{name} tutor", CreatedAt = now, OrganisationId = organisation.Id };
        if (!(await users.CreateAsync(user, password)).Succeeded || !(await users.AddToRoleAsync(user, Roles.Provider)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create the provider user {email}.");
        }

        return organisation.Id;
    }

    /// <summary>A random ULN with a valid checksum that no apprentice has yet.</summary>
    public async Task<string> NewUlnAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var stem = RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000).ToString(CultureInfo.InvariantCulture);
            var sum = stem.Select((digit, index) => (digit - '0') * (10 - index)).Sum();
            var check = ((10 - sum) % 11 + 11) % 11;
            if (check > 9)
            {
                continue;
            }

            var uln = stem + check.ToString(CultureInfo.InvariantCulture);
            if (!await _db.Apprentices.AnyAsync(a => a.Uln == uln, cancellationToken))
            {
                return uln;
            }
        }
    }

    /// <summary>Registers a case for the apprentice and drives it to <paramref name="target"/> (<see cref="CaseScenarios.CreateAsync"/>).</summary>
    public Task<int> CreateAsync(int apprenticeId, CaseState target, ScenarioOptions? options = null, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<CaseScenarios>().CreateAsync(apprenticeId, target, options, cancellationToken);
}
