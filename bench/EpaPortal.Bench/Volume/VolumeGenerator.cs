using System.Diagnostics;
using System.Globalization;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Domain.Organisations;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Bench.Volume;

/// <summary>What the generator made.</summary>
public sealed record VolumeReport(int CasesBefore, int CasesAfter, int Templates, int Copies, TimeSpan Elapsed, IReadOnlyDictionary<CaseState, int> ByState);

/// <summary>
/// Fills a SQLite database with a realistic volume for benchmarks and the query-budget tests: organisations
/// with employer users, assessors, quality assurers, and cases in every state with their evidence,
/// gateway, reference, project, notes, interview, judgement, grade, appeal and audit rows.
/// A few cases per state (and grade) are driven through the real workflow by <see cref="CaseScenarios"/>;
/// the rest are copies of them made set-wise by <see cref="VolumeCloner"/>, each with a new apprentice
/// (name, valid ULN, user account), organisation, assessor and quality assurer, and its dates moved back
/// in time. Closed cases spread over <see cref="VolumeOptions.SpreadDays"/>; open ones over a few weeks,
/// never so far that a scheduled project window or interview would already be in the past.
/// </summary>
public sealed class VolumeGenerator(
    PortalDbContext db,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    CaseScenarios scenarios,
    TimeProvider clock,
    ILogger<VolumeGenerator> logger)
{
    private static readonly string[] GivenNames =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Florence", "Sophia", "Grace", "Evie", "Poppy", "Ella",
        "Aisha", "Zara", "Maryam", "Chloe", "Ruby", "Hannah", "Priya", "Niamh", "Siobhan", "Megan", "Rhian", "Eilidh",
        "Noah", "Oliver", "George", "Arthur", "Leo", "Muhammad", "Harry", "Oscar", "Archie", "Henry", "Theo", "Jack", "Charlie",
        "Freddie", "Alfie", "Thomas", "Ethan", "Adam", "Yusuf", "Rohan", "Kai", "Callum", "Rhys", "Dylan", "Cian", "Ewan",
    ];

    private static readonly string[] FamilyNames =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson",
        "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel",
        "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker",
        "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young",
        "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
        "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Ahmed",
        "O'Brien", "MacDonald", "Campbell", "Stewart", "Reid", "Murray", "Byrne", "Kaur",
    ];

    private static readonly string[] OrganisationWords =
    [
        "Northern", "Harbour", "Pennine", "Thames", "Severn", "Cedar", "Granite", "Beacon", "Meridian", "Riverside", "Summit",
        "Oakwood", "Clearwater", "Bright", "Orbit", "Lantern", "Kestrel", "Heron", "Mercia", "Wessex", "Cobalt", "Falcon",
        "Willow", "Ashford", "Bridgewater", "Crescent", "Highland", "Quay", "Redbrick", "Silverline",
    ];

    private static readonly string[] OrganisationKinds =
    [
        "Software Ltd", "Digital Ltd", "Systems plc", "Technology Ltd", "Solutions Ltd", "Health NHS Trust", "Borough Council",
        "Insurance Ltd", "Logistics Ltd", "Bank plc", "Energy Ltd", "Retail Group",
    ];

    /// <summary>The family name of the apprentices whose cases are the templates ("Template-001").</summary>
    public const string TemplateFamilyName = "Template-";

    /// <summary>States whose cases have dates the clock acts on (a project window, an interview to come).</summary>
    private static readonly HashSet<CaseState> Scheduled = [CaseState.ProjectScheduled, CaseState.ProjectInProgress, CaseState.InterviewScheduled];

    private static readonly HashSet<CaseState> Closed =
    [
        CaseState.CertificateRequested, CaseState.FailRecorded, CaseState.Withdrawn, CaseState.AppealRejected,
        CaseState.GatewayRejected, CaseState.ResitPlanned, CaseState.RetakePlanned,
    ];

    public async Task<VolumeReport> GenerateAsync(VolumeOptions options, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsSqlite())
        {
            throw new NotSupportedException("The volume generator writes SQLite databases only (benchmark and test data).");
        }

        var stopwatch = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var now = clock.GetUtcNow();
        var before = await db.Cases.CountAsync(cancellationToken);
        var toMake = options.Cases - before;
        logger.LogInformation("Volume: the database holds {Before} cases; making {ToMake} more.", before, Math.Max(0, toMake));
        if (toMake <= 0)
        {
            return new VolumeReport(before, before, 0, 0, stopwatch.Elapsed, new Dictionary<CaseState, int>());
        }

        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        var passwordHash = options.Password is { Length: > 0 } password ? users.PasswordHasher.HashPassword(new PortalUser(), password) : null;
        await EnsureStaffAsync(Roles.Admin, 1, i => ($"admin{i:000}@staff.volume.test", $"{Pick(GivenNames, i)} {Pick(FamilyNames, i + 7)}"), passwordHash, now);
        var qualityAssurers = await EnsureStaffAsync(Roles.QualityAssurer, options.QualityAssurers, i => ($"qa{i:000}@staff.volume.test", $"{Pick(GivenNames, i + 3)} {Pick(FamilyNames, i * 5 + 11)}"), passwordHash, now);
        var assessors = await EnsureStaffAsync(Roles.Assessor, options.Assessors, i => ($"assessor{i:000}@staff.volume.test", $"{Pick(GivenNames, i * 3 + 1)} {Pick(FamilyNames, i * 7 + 2)}"), passwordHash, now);
        var organisations = await EnsureOrganisationsAsync(options.Organisations, passwordHash, now, cancellationToken);

        // A few cases per state go through the real workflow; earlier runs' templates are used again.
        var templateAssessor = assessors.OrderBy(a => a.Email, StringComparer.Ordinal).First();
        var templateQa = qualityAssurers.OrderBy(a => a.Email, StringComparer.Ordinal).First();
        var templateOrganisation = organisations[^1];
        var templates = await ExistingTemplatesAsync(cancellationToken);
        var reused = templates.Count;
        var perState = Math.Max(1, options.TemplatesPerState);
        foreach (var (state, _) in VolumeOptions.StateShares)
        {
            var variants = Variants(state);
            for (var i = templates.Count(t => t.State == state); i < perState; i++)
            {
                var scenario = variants[i % variants.Count] with
                {
                    EvidenceItems = options.EvidenceItemsPerCase,
                    WriteFiles = options.WriteTemplateFiles,
                    AssessorEmail = templateAssessor.Email,
                    QualityAssurerEmail = templateQa.Email,
                };
                var apprentice = await TemplateApprenticeAsync(templateOrganisation.Id, templates.Count, passwordHash, now, cancellationToken);

                await scenarios.CreateAsync(apprentice.Id, state, scenario, cancellationToken);
                db.ChangeTracker.Clear();
                templates = await ExistingTemplatesAsync(cancellationToken);
            }

            logger.LogInformation("Volume: template cases for {State} ready ({Elapsed:N0} s).", state, stopwatch.Elapsed.TotalSeconds);
        }

        var made = templates.Count - reused;
        var counts = await CopiesByStateAsync(options, Math.Max(0, toMake - made), cancellationToken);
        var spreadDays = options.OpenWorkCases > 0 && options.Cases > options.OpenWorkCases
            ? options.SpreadDays * options.Cases / options.OpenWorkCases
            : options.SpreadDays;
        var cloner = new VolumeCloner(db);
        await cloner.LoadTemplatesAsync(templates.Select(t => t.CaseId).ToList(), cancellationToken);

        var people = assessors.Concat(qualityAssurers).ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var employerOf = organisations.ToDictionary(o => o.Id);
        var usedUlns = (await db.Apprentices.Select(a => a.Uln).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var ulnStem = random.Next(100_000_000, 900_000_000);
        var weights = organisations.Select((o, index) => index < options.LargeOrganisations ? options.LargeOrganisationWeight : 1).ToArray();
        var totalWeight = weights.Sum();
        var assessorTurn = 0;
        var specs = new List<CloneSpec>();
        foreach (var group in templates.GroupBy(t => t.State).Where(g => counts.ContainsKey(g.Key)))
        {
            var groupTemplates = group.ToList();
            for (var i = 0; i < counts[group.Key]; i++)
            {
                var template = groupTemplates[i % groupTemplates.Count];
                var uln = NextUln(ref ulnStem, usedUlns);
                var given = GivenNames[random.Next(GivenNames.Length)];
                var family = FamilyNames[random.Next(FamilyNames.Length)];
                var email = $"{Slug(given)}.{Slug(family)}.{uln}@apprentice.volume.test";
                var organisation = organisations[WeightedIndex(random.Next(totalWeight), weights)];
                var assessor = assessors[assessorTurn++ % assessors.Count];
                var qa = qualityAssurers[random.Next(qualityAssurers.Count)];

                var maxDays = Closed.Contains(group.Key) ? spreadDays : 28;
                var shift = TimeSpan.FromMinutes(random.NextDouble() * maxDays * 24 * 60);
                if (Scheduled.Contains(group.Key))
                {
                    var margin = cloner.FutureMargin(template.CaseId, now) - TimeSpan.FromHours(2);
                    shift = margin <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(shift.Ticks, margin.Ticks));
                }

                var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [template.UserId] = Guid.NewGuid().ToString() };
                var text = new List<(string From, string To)>
                {
                    ($"{template.GivenNames} {template.FamilyName}", $"{given} {family}"),
                    (template.Email, email),
                    (template.Email.ToUpperInvariant(), email.ToUpperInvariant()),
                    (template.Uln, uln),
                };
                if (employerOf.TryGetValue(template.OrganisationId, out var templateEmployer))
                {
                    ids[templateEmployer.EmployerId] = organisation.EmployerId;
                    text.Add((templateEmployer.EmployerName, organisation.EmployerName));
                }

                if (template.AssessorId is { } assessorId && people.TryGetValue(assessorId, out var assessorName))
                {
                    ids[assessorId] = assessor.Id;
                    text.Add((assessorName, assessor.Name));
                }

                if (template.QualityAssurerId is { } qaId && people.TryGetValue(qaId, out var qaName))
                {
                    ids[qaId] = qa.Id;
                    text.Add((qaName, qa.Name));
                }

                specs.Add(new CloneSpec(template.CaseId, shift, new ApprenticeIdentity(uln, given, family, email, organisation.Id), ids, text));
            }
        }

        // Copies in a shuffled order, so ids are not grouped by state.
        Shuffle(specs, random);
        await cloner.CloneAsync(specs, cancellationToken, progress: done =>
            logger.LogInformation("Volume: {Done} of {Total} copies written ({Elapsed:N0} s).", done, specs.Count, stopwatch.Elapsed.TotalSeconds));

        var after = await db.Cases.CountAsync(cancellationToken);
        var byState = await db.Cases.GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        logger.LogInformation("Volume: {After} cases ({Templates} through the workflow, {Copies} copies) in {Elapsed:N0} s.", after, templates.Count, specs.Count, stopwatch.Elapsed.TotalSeconds);
        return new VolumeReport(before, after, made, specs.Count, stopwatch.Elapsed, byState);
    }

    /// <summary>The template cases of earlier runs: their apprentices' family names say so.</summary>
    private async Task<List<Template>> ExistingTemplatesAsync(CancellationToken cancellationToken) =>
        await db.Cases.AsNoTracking()
            .Where(c => c.Apprentice!.FamilyName.StartsWith(TemplateFamilyName))
            .OrderBy(c => c.Id)
            .Select(c => new Template(
                c.Id,
                c.State,
                c.Apprentice!.Uln,
                c.Apprentice.GivenNames,
                c.Apprentice.FamilyName,
                c.Apprentice.Email,
                c.Apprentice.UserId!,
                c.Apprentice.OrganisationId,
                c.AssessorId,
                db.GradeDecisions.Where(g => g.CaseId == c.Id && g.QaById != null).Select(g => g.QaById).FirstOrDefault()))
            .ToListAsync(cancellationToken);

    /// <summary>The scenario variants for a state: the grades and fail recommendations that lead there.</summary>
    private static List<ScenarioOptions> Variants(CaseState state)
    {
        var merit = new ScenarioOptions();
        var pass = new ScenarioOptions { What = AreaLevel.Expected, How = AreaLevel.Expected, WithWhom = AreaLevel.Expected };
        var distinction = new ScenarioOptions { What = AreaLevel.Above, How = AreaLevel.Above, WithWhom = AreaLevel.Above };
        return state switch
        {
            CaseState.FailRecorded or CaseState.ResitPlanned => [ScenarioOptions.Fail],
            CaseState.RetakePlanned => [ScenarioOptions.Fail with { FailRecommendation = AttemptKind.Retake }],
            CaseState.Graded or CaseState.IqaApproved or CaseState.ResultReleased or CaseState.CertificateRequested
                or CaseState.AppealLodged or CaseState.AppealUpheld or CaseState.AppealRejected => [merit, pass, distinction],
            _ => [merit],
        };
    }

    /// <summary>
    /// How many copies of each state to make. Up to <see cref="VolumeOptions.OpenWorkCases"/> cases every state
    /// has its share; beyond it the organisation is older, not busier: the open states (and a result released
    /// within its appeal window) keep the share of that many cases, so each person's open work stays about
    /// the same, and every further case is history (certificate requested, fail recorded, appeal rejected,
    /// withdrawn) in those states' proportions (issue 26).
    /// </summary>
    private async Task<Dictionary<CaseState, int>> CopiesByStateAsync(VolumeOptions options, int copies, CancellationToken cancellationToken)
    {
        if (options.OpenWorkCases <= 0 || options.Cases <= options.OpenWorkCases)
        {
            return Apportion(copies, VolumeOptions.StateShares);
        }

        var history = VolumeOptions.StateShares.Where(s => OpenWork.IsClosed(s.State) && Closed.Contains(s.State)).ToList();
        var current = VolumeOptions.StateShares.Except(history).ToList();
        var currentStates = current.Select(s => s.State).ToList();
        var currentTarget = (int)Math.Round(options.OpenWorkCases * current.Sum(s => s.Share) / VolumeOptions.StateShares.Sum(s => s.Share));
        var currentNow = await db.Cases.CountAsync(c => currentStates.Contains(c.State), cancellationToken);
        var recent = Math.Clamp(currentTarget - currentNow, 0, copies);
        var counts = Apportion(recent, current);
        foreach (var (state, count) in Apportion(copies - recent, history))
        {
            counts[state] = count;
        }

        return counts;
    }

    private static Dictionary<CaseState, int> Apportion(int total, IReadOnlyList<(CaseState State, double Share)> shares)
    {
        var sum = shares.Sum(s => s.Share);
        var exact = shares.Select(s => (s.State, Value: total * s.Share / sum)).ToList();
        var counts = exact.ToDictionary(e => e.State, e => (int)Math.Floor(e.Value));
        foreach (var e in exact.OrderByDescending(e => e.Value - Math.Floor(e.Value)).Take(total - counts.Values.Sum()))
        {
            counts[e.State]++;
        }

        return counts;
    }

    private async Task<List<Person>> EnsureStaffAsync(string role, int count, Func<int, (string Email, string Name)> describe, string? passwordHash, DateTimeOffset now)
    {
        var people = (await users.GetUsersInRoleAsync(role)).OrderBy(u => u.Email, StringComparer.Ordinal)
            .Select(u => new Person(u.Id, u.Email!, u.DisplayName)).ToList();
        for (var i = 1; people.Count < count; i++)
        {
            var (email, name) = describe(i);
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = await CreateUserAsync(email, name, role, null, passwordHash, now);
            people.Add(new Person(user.Id, email, user.DisplayName));
        }

        return people;
    }

    private async Task<List<OrganisationPeople>> EnsureOrganisationsAsync(int count, string? passwordHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Organisations.OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var names = existing.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; names.Count < count; i++)
        {
            var first = Pick(OrganisationWords, i);
            var second = Pick(OrganisationWords, i / OrganisationWords.Length + 7);
            var name = $"{first} {second} {Pick(OrganisationKinds, i * 7 + 3)}";
            if (first == second || !names.Add(name))
            {
                continue;
            }

            db.Organisations.Add(new Organisation(name) { CreatedAt = now.AddDays(-(i % 900)), ContactEmail = $"epa@{Slug(name)}.volume.test" });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var organisations = await db.Organisations.OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).Take(Math.Max(count, existing.Count)).ToListAsync(cancellationToken);
        var employers = (await users.GetUsersInRoleAsync(Roles.Employer)).Where(u => u.OrganisationId is not null)
            .GroupBy(u => u.OrganisationId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(u => u.Email, StringComparer.Ordinal).First());
        var result = new List<OrganisationPeople>();
        var index = 0;
        foreach (var organisation in organisations)
        {
            index++;
            if (!employers.TryGetValue(organisation.Id, out var employer))
            {
                var name = $"{Pick(GivenNames, index * 11 + 4)} {Pick(FamilyNames, index * 13 + 9)}";
                employer = await CreateUserAsync($"employer@{Slug(organisation.Name)}.volume.test", name, Roles.Employer, organisation.Id, passwordHash, now);
            }

            result.Add(new OrganisationPeople(organisation.Id, employer.Id, employer.DisplayName));
        }

        return result;
    }

    /// <summary>The apprentice of the next template case ("Template-007"), with a sign-in and a fresh valid ULN.</summary>
    private async Task<Apprentice> TemplateApprenticeAsync(int organisationId, int index, string? passwordHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var used = (await db.Apprentices.Select(a => a.Uln).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var stem = 100_000_000 + (index * 7919 % 800_000_000);
        var uln = NextUln(ref stem, used);
        var given = Pick(GivenNames, index * 13 + 5);
        var family = $"{TemplateFamilyName}{index + 1:000}";
        var email = $"{Slug(given)}.template{index + 1:000}.{uln}@apprentice.volume.test";
        var user = await CreateUserAsync(email, $"{given} {family}", Roles.Apprentice, null, passwordHash, now);
        var apprentice = new Apprentice(uln, given, family, email, organisationId, DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-15))
        {
            UserId = user.Id,
            PostalAddress = "3 Template Street, York YO1 1AA",
        };
        db.Apprentices.Add(apprentice);
        await db.SaveChangesAsync(cancellationToken);
        return apprentice;
    }

    private async Task<PortalUser> CreateUserAsync(string email, string name, string role, int? organisationId, string? passwordHash, DateTimeOffset now)
    {
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAt = now,
            OrganisationId = organisationId,
            PasswordHash = passwordHash,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create the volume user {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        return user;
    }

    /// <summary>The next unused ULN with a valid checksum (the domain's ULN rule).</summary>
    private static string NextUln(ref int stem, HashSet<string> used)
    {
        while (true)
        {
            var digits = (stem++).ToString(CultureInfo.InvariantCulture);
            var sum = digits.Select((digit, index) => (digit - '0') * (10 - index)).Sum();
            var check = ((10 - sum) % 11 + 11) % 11;
            if (check > 9)
            {
                continue;
            }

            var uln = digits + check.ToString(CultureInfo.InvariantCulture);
            if (used.Add(uln))
            {
                return uln;
            }
        }
    }

    private static int WeightedIndex(int draw, int[] weights)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            draw -= weights[i];
            if (draw < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static string Pick(string[] values, int index) => values[index % values.Length];

    private static string Slug(string text) =>
        new(text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    private sealed record Person(string Id, string Email, string Name);

    private sealed record OrganisationPeople(int Id, string EmployerId, string EmployerName);

    private sealed record Template(int CaseId, CaseState State, string Uln, string GivenNames, string FamilyName, string Email, string UserId, int OrganisationId, string? AssessorId, string? QualityAssurerId);
}
