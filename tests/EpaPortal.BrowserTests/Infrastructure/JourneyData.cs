using EpaPortal.Domain.Cases;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.BrowserTests.Infrastructure;

/// <summary>A case a journey starts from, with its apprentice's login and name.</summary>
public sealed record JourneyCase(int CaseId, string ApprenticeEmail, string ApprenticeName, string Uln);

/// <summary>
/// Set-up for journeys that start part-way: a new apprentice of the demo employer (Acme, whose employer
/// is <see cref="Demo.Employer"/>) with a case taken by <see cref="CaseScenarios"/> through the real
/// workflow to the state the journey starts from. The steps under test are then done in the browser.
/// </summary>
public static class JourneyData
{
    public static async Task<JourneyCase> CaseAsync(PortalFactory portal, CaseState state, string name, ScenarioOptions? options = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var organisationId = await db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync();
        var apprentice = await scenarios.CreateApprenticeAsync(organisationId, PortalFactory.DemoPassword, name);
        var caseId = await scenarios.CreateAsync(apprentice.Id, state, options);
        return new JourneyCase(caseId, apprentice.Email, name, apprentice.Uln);
    }

    /// <summary>A fresh valid ULN no apprentice has (what the admin would read off the apprentice's records).</summary>
    public static async Task<string> NewUlnAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await new TestScenarios(scope.ServiceProvider).NewUlnAsync();
    }

    public static Task<CaseState> StateAsync(PortalFactory portal, int caseId) =>
        portal.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.State).SingleAsync());
}
