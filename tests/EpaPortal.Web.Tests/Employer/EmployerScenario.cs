using EpaPortal.Domain.Access;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Employer;

/// <summary>
/// Cases of their own for the employer tests, moved along through the real case workflow (the domain's
/// calls, as the signed-in apprentice, employer or admin would make them) and saved like the portal saves them.
/// </summary>
public static class EmployerScenario
{
    public const string Narrative =
        "Amira built the refund endpoint of our payments API on her own: she wrote the use cases with the product owner, " +
        "added unit and integration tests, fixed two security findings from the code review and explained the design to support staff.";

    /// <summary>A new apprentice of <paramref name="organisation"/> (with a sign-in) and a Registered case.</summary>
    public static Task<(string Email, int CaseId)> NewCaseAsync(PortalFactory factory, string organisation = DemoDataSeeder.Acme) =>
        ToStateAsync(factory, CaseState.Registered, null, organisation);

    /// <summary>A new apprentice's case driven to <paramref name="target"/> by the shared <see cref="CaseScenarios"/>.</summary>
    public static async Task<(string Email, int CaseId)> ToStateAsync(PortalFactory factory, CaseState target, ScenarioOptions? options = null, string organisation = DemoDataSeeder.Acme)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var organisationId = await factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == organisation).Select(o => o.Id).SingleAsync());
        var apprentice = await scenarios.CreateApprenticeAsync(organisationId, PortalFactory.DemoPassword);
        var caseId = await scenarios.CreateAsync(apprentice.Id, target, options);
        return (apprentice.Email, caseId);
    }

    public static Task<string> ApprenticeNameAsync(PortalFactory factory, int caseId) =>
        factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Apprentice!.GivenNames + " " + c.Apprentice.FamilyName).SingleAsync());

    /// <summary>The apprentice adds one evidence item and submits the portfolio.</summary>
    public static async Task SubmitPortfolioAsync(PortalFactory factory, int caseId)
    {
        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow();
            var userId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Apprentice!.UserId!).SingleAsync();
            var file = NewFile(caseId, FilePurpose.PortfolioEvidence, "refund-endpoint.pdf", userId, now);
            db.StoredFiles.Add(file);
            db.EvidenceItems.Add(new EvidenceItem(caseId, "Refund endpoint", "Built the refund endpoint with tests.", "Payments API", new DateOnly(2026, 10, 1), file, now));
            await db.SaveChangesAsync();
        });

        await RunAsync(factory, caseId, async (db, epaCase, facts, workflow) =>
            workflow.SubmitPortfolio(epaCase, await ActorAsync(db, epaCase.Apprentice!.Email, PortalRole.Apprentice), facts, "sha256-of-the-test-portfolio"));
    }

    public static Task ConfirmPortfolioAsync(PortalFactory factory, int caseId, string employerEmail = Demo.Employer) =>
        RunAsync(factory, caseId, async (db, epaCase, facts, workflow) =>
            workflow.ConfirmPortfolio(epaCase, await ActorAsync(db, employerEmail, PortalRole.Employer), facts.Parties, "Erin Employer", "Engineering Manager"));

    /// <summary>The employer's reference, complete and submitted, with a narrative for every area of the case's version.</summary>
    public static Task SubmitReferenceAsync(PortalFactory factory, int caseId, string employerEmail = Demo.Employer) =>
        factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow();
            var areas = await db.Cases.Where(c => c.Id == caseId).SelectMany(c => c.StandardVersion!.Areas).Select(a => a.Code).ToListAsync();
            var employerId = await db.Users.Where(u => u.Email == employerEmail).Select(u => u.Id).SingleAsync();
            var reference = new EmployerReference(caseId, now)
            {
                RefereeName = "Erin Employer",
                RefereeJobTitle = "Engineering Manager",
                RelationshipToApprentice = "Line manager",
                MonthsSupervised = 18,
                RefereeEmail = "erin@acme.demo.test",
                DeclarationAccepted = true,
            };
            foreach (var area in areas)
            {
                reference.SetNarrative(area, Narrative);
            }

            reference.Submit(employerId, now);
            db.EmployerReferences.Add(reference);
            await db.SaveChangesAsync();
        });

    /// <summary>Portfolio submitted and confirmed, reference submitted: only the gateway form itself is left.</summary>
    public static async Task<(string Email, int CaseId)> ReadyForGatewayAsync(PortalFactory factory)
    {
        var (email, caseId) = await NewCaseAsync(factory);
        await SubmitPortfolioAsync(factory, caseId);
        await ConfirmPortfolioAsync(factory, caseId);
        await SubmitReferenceAsync(factory, caseId);
        return (email, caseId);
    }

    /// <summary>A file record of the case (its bytes are never read by these tests).</summary>
    public static Task<Guid> AddFileAsync(PortalFactory factory, int caseId, FilePurpose purpose, string name = "certificate.pdf") =>
        factory.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == Demo.Employer).Select(u => u.Id).SingleAsync();
            var file = NewFile(caseId, purpose, name, userId, factory.Clock.GetUtcNow());
            db.StoredFiles.Add(file);
            await db.SaveChangesAsync();
            return file.Id;
        });

    public static Task<CaseState> StateAsync(PortalFactory factory, int caseId) =>
        factory.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.State).SingleAsync());

    public static async Task<Actor> ActorAsync(PortalDbContext db, string email, PortalRole role)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        return new Actor(user.Id, user.DisplayName, [role], role == PortalRole.Employer ? user.OrganisationId : null);
    }

    /// <summary>One workflow call on the case with the facts the portal would load, saved with its audit entry.</summary>
    public static async Task RunAsync(PortalFactory factory, int caseId, Func<PortalDbContext, EpaCase, CaseFacts, CaseWorkflow, Task<CaseOutcome>> step)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var loader = services.GetRequiredService<CaseFactsLoader>();
        var snapshot = await loader.LoadForUpdateAsync(caseId) ?? throw new InvalidOperationException($"No case {caseId}.");
        var outcome = await step(db, snapshot.Case, snapshot.Facts, services.GetRequiredService<CaseWorkflow>());
        Assert.True(outcome.Succeeded, outcome.ToString());
        db.AuditEntries.Add(outcome.Audit!.ToAuditEntry());
        await db.SaveChangesAsync();
    }

    private static StoredFile NewFile(int caseId, FilePurpose purpose, string name, string userId, DateTimeOffset at) =>
        new(Guid.NewGuid(), caseId, purpose, name, "application/pdf", 2048, new string('a', 64), "test-" + Guid.NewGuid().ToString("N"), userId, at);
}
