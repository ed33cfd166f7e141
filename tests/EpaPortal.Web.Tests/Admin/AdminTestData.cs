using System.Net;
using EpaPortal.Domain.Cases;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Admin;

/// <summary>Cases of the admin tests, built through the real workflow by the shared CaseScenarios.</summary>
internal static class AdminTestData
{
    /// <summary>A new apprentice at <paramref name="organisation"/> with a case driven to <paramref name="target"/>.</summary>
    public static async Task<int> CaseAsync(PortalFactory factory, CaseState target, string organisation = DemoDataSeeder.Acme, string? assessorEmail = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var organisationId = await OrganisationIdAsync(factory, organisation);
        var apprentice = await scenarios.CreateApprenticeAsync(organisationId);
        return await scenarios.CreateAsync(apprentice.Id, target, new ScenarioOptions { AssessorEmail = assessorEmail, WriteFiles = false });
    }

    public static Task<int> OrganisationIdAsync(PortalFactory factory, string name) =>
        factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    public static Task<string> UserIdAsync(PortalFactory factory, string email) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static Task<T> CaseValueAsync<T>(PortalFactory factory, int caseId, System.Linq.Expressions.Expression<Func<EpaCase, T>> value) =>
        factory.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(value).SingleAsync());

    public static async Task<string> NewUlnAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await new TestScenarios(scope.ServiceProvider).NewUlnAsync();
    }

    public static async Task<string> BodyAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        return body;
    }

    public static Task<List<Domain.Auditing.AuditEntry>> AuditAsync(PortalFactory factory, Func<PortalDbContext, IQueryable<Domain.Auditing.AuditEntry>> query) =>
        factory.WithDbAsync(db => query(db).AsNoTracking().ToListAsync());
}
