using EpaPortal.Domain.Access;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Data.Seed;

public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    public bool Enabled { get; set; }

    /// <summary>The password of every demo login. Only set in Development.</summary>
    public string Password { get; set; } = "demo-password-2026";

    /// <summary>Also create the demo apprentices whose cases are further on (gateway, project, interview,
    /// QA, results), driven there through the real workflow. The automated tests turn this off.</summary>
    public bool Scenarios { get; set; } = true;
}

/// <summary>One demo login as the start-up log prints it: who it is and, for an apprentice, where their case is.</summary>
public sealed record DemoLogin(string Role, string Email, string Password, string Note);

/// <summary>
/// Demo data for trying the portal: two employers, a user per role (two of some, for the access tests),
/// apprentices with valid ULNs and cases. Idempotent: it adds only what is missing. Demo users get a
/// password only in Development; elsewhere they must use "forgotten password".
/// </summary>
public sealed class DemoDataSeeder(
    PortalDbContext db,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    IHostEnvironment environment,
    IOptions<DemoDataOptions> options,
    CaseScenarios scenarios,
    TimeProvider clock)
{
    public const string Acme = "Acme Software Ltd";
    public const string Northwind = "Northwind Digital Ltd";

    /// <summary>The demo training provider (issue 19): it trains the apprentices of both demo employers whose cases are further on.</summary>
    public const string Pennine = "Pennine Training Ltd";

    public const string PennineUkprn = "10012345";

    /// <summary>The assessor allocated to the scenario cases.</summary>
    public const string ScenarioAssessor = "assessor@demo.test";

    /// <summary>The demo users (listed in the README).</summary>
    public static readonly (string Role, string Email, string Name, string? Organisation)[] People =
    [
        (Roles.Admin, "admin@demo.test", "Alex Admin", null),
        (Roles.QualityAssurer, "qa@demo.test", "Quinn Quality", null),
        (Roles.Assessor, "assessor@demo.test", "Asha Assessor", null),
        (Roles.Assessor, "assessor2@demo.test", "Sam Second-Assessor", null),
        (Roles.Employer, "employer@acme.demo.test", "Erin Employer", Acme),
        (Roles.Employer, "employer@northwind.demo.test", "Noah Northwind", Northwind),
        (Roles.Provider, "provider@pennine.demo.test", "Priya Pennine", Pennine),
        (Roles.Apprentice, "apprentice@demo.test", "Amira Khan", Acme),
        (Roles.Apprentice, "apprentice2@demo.test", "Ben Lewis", Acme),
        (Roles.Apprentice, "apprentice3@demo.test", "Chloe Davies", Northwind),
    ];

    private static readonly Dictionary<string, string> Ulns = new(StringComparer.Ordinal)
    {
        ["apprentice@demo.test"] = "1234567899",
        ["apprentice2@demo.test"] = "2619730693",
        ["apprentice3@demo.test"] = "5239384990",
    };

    /// <summary>Apprentices whose cases the scenarios move on, one per interesting state (listed in the README).</summary>
    public static readonly (string Email, string Name, string Uln, string Organisation, CaseState State, bool Fail)[] ScenarioApprentices =
    [
        ("dev.patel@demo.test", "Dev Patel", "7989355727", Acme, CaseState.GatewaySubmitted, false),
        ("ella.jones@demo.test", "Ella Jones", "1777778688", Acme, CaseState.ProjectInProgress, false),
        ("finn.murphy@demo.test", "Finn Murphy", "9818365533", Northwind, CaseState.PreInterviewReview, false),
        ("grace.lee@demo.test", "Grace Lee", "6753989225", Acme, CaseState.InterviewScheduled, false),
        ("harry.evans@demo.test", "Harry Evans", "1000000000", Northwind, CaseState.Graded, false),
        ("isla.brown@demo.test", "Isla Brown", "3000000002", Acme, CaseState.IqaApproved, false),
        ("jack.wilson@demo.test", "Jack Wilson", "4000000003", Northwind, CaseState.ResultReleased, false),
        ("kate.taylor@demo.test", "Kate Taylor", "5000000004", Acme, CaseState.FailRecorded, true),
    ];

    public async Task<IReadOnlyList<DemoLogin>> SeedAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var organisations = new Dictionary<string, Organisation>(StringComparer.Ordinal);
        foreach (var name in new[] { Acme, Northwind, Pennine })
        {
            var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Name == name, cancellationToken);
            if (organisation is null)
            {
                organisation = new Organisation(name) { CreatedAt = now, ContactEmail = $"epa@{name.Split(' ')[0].ToLowerInvariant()}.demo.test" };
                if (name == Pennine)
                {
                    // A training provider only: it employs no apprentices of its own.
                    organisation.Ukprn = PennineUkprn;
                    organisation.IsEmployer = false;
                }

                db.Organisations.Add(organisation);
                await db.SaveChangesAsync(cancellationToken);
            }

            organisations[name] = organisation;
        }

        // Known passwords only where nobody real signs in: Development, and the automated tests.
        var withPasswords = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        var logins = new List<DemoLogin>();
        foreach (var person in People)
        {
            var user = await users.FindByEmailAsync(person.Email);
            if (user is null)
            {
                user = new PortalUser
                {
                    UserName = person.Email,
                    Email = person.Email,
                    EmailConfirmed = true,
                    DisplayName = person.Name,
                    CreatedAt = now,
                    OrganisationId = person.Role is Roles.Employer or Roles.Provider ? organisations[person.Organisation!].Id : null,
                };
                var created = withPasswords ? await users.CreateAsync(user, options.Value.Password) : await users.CreateAsync(user);
                EnsureSucceeded(created, person.Email);
                EnsureSucceeded(await users.AddToRoleAsync(user, person.Role), person.Email);
            }

            if (person.Role == Roles.Apprentice)
            {
                await EnsureApprenticeAsync(user, person.Name, organisations[person.Organisation!], now, cancellationToken);
            }

            var note = person.Role == Roles.Apprentice ? $"{person.Name}, {person.Organisation}: {DisplayNames.Of(CaseState.Registered)}"
                : person.Organisation is not null ? $"{person.Name}, {person.Organisation}"
                : person.Email == ScenarioAssessor && options.Value.Scenarios ? $"{person.Name}: assessor of the cases further on"
                : person.Name;
            logins.Add(new DemoLogin(Roles.Label(person.Role), person.Email, withPasswords ? options.Value.Password : "(not set)", note));
        }

        if (options.Value.Scenarios)
        {
            await SeedScenariosAsync(withPasswords, organisations, now, cancellationToken);
            logins.AddRange(ScenarioApprentices.Select(p => new DemoLogin(
                Roles.Label(Roles.Apprentice), p.Email, withPasswords ? options.Value.Password : "(not set)", $"{p.Name}, {p.Organisation}: {DisplayNames.Of(p.State)}")));
        }

        return logins;
    }

    private async Task SeedScenariosAsync(bool withPasswords, Dictionary<string, Organisation> organisations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var person in ScenarioApprentices)
        {
            if (await db.Apprentices.AnyAsync(a => a.Uln == person.Uln, cancellationToken))
            {
                continue;
            }

            var user = new PortalUser { UserName = person.Email, Email = person.Email, EmailConfirmed = true, DisplayName = person.Name, CreatedAt = now };
            EnsureSucceeded(withPasswords ? await users.CreateAsync(user, options.Value.Password) : await users.CreateAsync(user), person.Email);
            EnsureSucceeded(await users.AddToRoleAsync(user, Roles.Apprentice), person.Email);
            var names = person.Name.Split(' ', 2);
            var apprentice = new Apprentice(person.Uln, names[0], names[1], person.Email, organisations[person.Organisation].Id, DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-15))
            {
                UserId = user.Id,
                PostalAddress = "2 Demo Road, Leeds LS2 2BB",
            };
            db.Apprentices.Add(apprentice);
            await db.SaveChangesAsync(cancellationToken);
            // The first demo assessor (the one the README introduces) assesses them.
            // Pennine Training trains them all, so its dashboard shows apprentices of both employers (issue 19).
            var scenario = (person.Fail ? ScenarioOptions.Fail : new ScenarioOptions()) with { AssessorEmail = ScenarioAssessor, ProviderOrganisationId = organisations[Pennine].Id };
            await scenarios.CreateAsync(apprentice.Id, person.State, scenario, cancellationToken);
        }
    }

    private async Task EnsureApprenticeAsync(PortalUser user, string name, Organisation organisation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Apprentices.AnyAsync(a => a.UserId == user.Id, cancellationToken))
        {
            return;
        }

        var names = name.Split(' ', 2);
        var apprentice = new Apprentice(Ulns[user.Email!], names[0], names[1], user.Email!, organisation.Id, DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-14))
        {
            UserId = user.Id,
            PostalAddress = "1 Demo Street, Leeds LS1 1AA",
        };
        db.Apprentices.Add(apprentice);
        await db.SaveChangesAsync(cancellationToken);

        // Registered as an admin registers a case: through the case workflow, with its audit entry.
        var version = await db.StandardVersions.Include(v => v.Standard)
            .FirstAsync(v => v.Standard!.Reference == "ST0128" && v.Version == "1.0", cancellationToken);
        var admin = await users.FindByEmailAsync(People[0].Email) ?? throw new InvalidOperationException("The demo admin is missing.");
        var registered = new CaseWorkflow(clock).Register(apprentice, version, new Actor(admin.Id, admin.DisplayName, [PortalRole.Admin]));
        if (!registered.Succeeded)
        {
            throw new InvalidOperationException($"Could not register the demo case of {name}: {string.Join(" ", registered.Problems)}");
        }

        db.Cases.Add(registered.Case!);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add((registered.Audit! with { CaseId = registered.Case!.Id }).ToAuditEntry());
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void EnsureSucceeded(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
