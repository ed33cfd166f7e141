using EpaPortal.Bench.Volume;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Identifiers;
using EpaPortal.Web.Security;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Tests.Performance;

/// <summary>The generated volume keeps the invariants the workflow keeps: a copy is as real as its template.</summary>
[Trait(Category.Name, Category.Performance)]
[Collection(VolumeCollection.Name)]
public class VolumeGeneratorTests(VolumeFixture volume)
{
    [Fact]
    public async Task Generator_MakesTheCasesAskedFor_InEveryState()
    {
        Assert.Equal(VolumeFixture.LargeCases, volume.LargeReport.CasesAfter);
        Assert.Equal(0, volume.LargeReport.Templates);
        var states = await volume.Large.WithDbAsync(db => db.Cases.Select(c => c.State).Distinct().ToListAsync());
        Assert.All(VolumeOptions.StateShares, share => Assert.Contains(share.State, states));
        Assert.Equal(50, await volume.Large.WithDbAsync(db => db.UserRoles.CountAsync(r => db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Assessor))));
        Assert.Equal(200, await volume.Large.WithDbAsync(db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task Copies_HaveValidUniqueUlns_AndApprenticeAccounts()
    {
        var apprentices = await volume.Large.WithDbAsync(db => db.Apprentices.Select(a => new { a.Uln, a.UserId, a.Email }).ToListAsync());
        Assert.All(apprentices, a => Assert.True(Uln.IsValid(a.Uln), $"ULN {a.Uln} is not valid."));
        Assert.Equal(apprentices.Count, apprentices.Select(a => a.Uln).Distinct().Count());
        var apprenticeUsers = await volume.Large.WithDbAsync(db => db.UserRoles.Where(r => db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Apprentice)).Select(r => r.UserId).ToListAsync());
        Assert.All(apprentices, a => Assert.Contains(a.UserId, apprenticeUsers));
    }

    [Fact]
    public async Task Copies_BreakNoForeignKey_AndTheirEvidenceReferencesStayInTheirOwnCase()
    {
        var problems = await volume.Large.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"table\" AS \"Value\" FROM pragma_foreign_key_check").ToListAsync());
        Assert.Empty(problems);

        // Every "PortfolioItem:n" a judgement cites is an evidence item of the judgement's own case.
        var foreign = await volume.Large.WithDbAsync(db => db.Database.SqlQueryRaw<int>("""
            SELECT COUNT(*) AS "Value" FROM "CompetencyEvidence" ce
            JOIN "Judgements" j ON j."Id" = ce."JudgementId", json_each(ce."EvidenceRefs") r
            WHERE r.value LIKE 'PortfolioItem:%'
              AND NOT EXISTS (SELECT 1 FROM "EvidenceItems" e WHERE e."CaseId" = j."CaseId" AND 'PortfolioItem:' || e."Id" = r.value)
            """).SingleAsync());
        Assert.Equal(0, foreign);
        Assert.True(await volume.Large.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"CompetencyEvidence\"").SingleAsync()) > 1000);
    }

    [Fact]
    public async Task Copies_KeepTheirAssessorOnEveryRecord_AndTheirAuditTrailEndsInTheirState()
    {
        var mismatched = await volume.Large.WithDbAsync(db => db.Cases.CountAsync(c =>
            db.Judgements.Any(j => j.CaseId == c.Id && j.AssessorId != c.AssessorId)
            || db.GradeDecisions.Any(g => g.CaseId == c.Id && g.AssessorId != c.AssessorId)
            || db.AssessorNotes.Any(n => n.CaseId == c.Id && n.AssessorId != c.AssessorId)));
        Assert.Equal(0, mismatched);

        // The demo's own three cases were registered without the workflow; every generated one has its trail.
        var generated = await volume.Large.WithDbAsync(db => db.Cases
            .Where(c => c.Apprentice!.Email.EndsWith(".volume.test") || c.Apprentice.FamilyName.StartsWith(VolumeGenerator.TemplateFamilyName))
            .Select(c => new
            {
                c.Id,
                c.State,
                Last = db.AuditEntries.Where(a => a.CaseId == c.Id && a.ToState != null).OrderByDescending(a => a.Id).Select(a => a.ToState).FirstOrDefault(),
                Audits = db.AuditEntries.Count(a => a.CaseId == c.Id),
                Evidence = db.EvidenceItems.Count(e => e.CaseId == c.Id),
            })
            .ToListAsync());
        Assert.True(generated.Count >= VolumeFixture.LargeCases - 3);
        Assert.All(generated.Where(c => c.State != CaseState.Registered), c => Assert.Equal(c.State.ToString(), c.Last));
        Assert.All(generated, c => Assert.True(c.Audits >= 1, $"Case {c.Id} has no audit entries."));
        Assert.All(generated.Where(c => c.State is not (CaseState.Registered or CaseState.Withdrawn)), c => Assert.Equal(5, c.Evidence));
    }

    [Fact]
    public async Task Copies_SpreadOverTime_WithScheduledWindowsAndInterviewsStillAhead()
    {
        var now = volume.Large.Clock.GetUtcNow();
        var created = await volume.Large.WithDbAsync(db => db.Cases.Select(c => c.CreatedAt).ToListAsync());
        Assert.True(created.Min() < now.AddDays(-365), "Closed cases should reach back more than a year.");

        var windows = await volume.Large.WithDbAsync(db => db.Cases.Where(c => c.State == CaseState.ProjectScheduled)
            .Select(c => db.ProjectSubmissions.Where(p => p.CaseId == c.Id && p.Attempt == c.Attempt).Select(p => p.WindowOpensAt).Single()).ToListAsync());
        Assert.All(windows, opens => Assert.True(opens > now));
        var interviews = await volume.Large.WithDbAsync(db => db.Cases.Where(c => c.State == CaseState.InterviewScheduled)
            .Select(c => db.Interviews.Where(i => i.CaseId == c.Id && i.Attempt == c.Attempt).Select(i => i.StartsAt).Single()).ToListAsync());
        Assert.All(interviews, starts => Assert.True(starts > now));
        Assert.NotEmpty(windows);
        Assert.NotEmpty(interviews);
    }
}
