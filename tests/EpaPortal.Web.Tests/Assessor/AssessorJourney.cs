using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Evidence;
using EpaPortal.TestSupport;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Storage;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Assessor;

/// <summary>A case made for a test: its id and the apprentice who can sign in to it.</summary>
public sealed record TestCase(int CaseId, string ApprenticeEmail);

/// <summary>
/// Cases for the assessor's tests, built with the shared <see cref="CaseScenarios"/> (the real workflow),
/// and the assessor's own steps taken through the portal's pages, as an assessor would take them.
/// </summary>
public static class AssessorJourney
{
    /// <summary>A new apprentice (who can sign in) at Acme with a case driven to <paramref name="target"/>.</summary>
    public static async Task<TestCase> CreateCaseAsync(PortalFactory factory, CaseState target, string assessorEmail = Demo.Assessor, ScenarioOptions? options = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var scenarios = new TestScenarios(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var organisationId = await db.Organisations.Where(o => o.Name == DemoDataSeeder.Acme).Select(o => o.Id).SingleAsync();
        var apprentice = await scenarios.CreateApprenticeAsync(organisationId, PortalFactory.DemoPassword);
        var caseId = await scenarios.CreateAsync(apprentice.Id, target, (options ?? new ScenarioOptions()) with { AssessorEmail = assessorEmail });
        return new TestCase(caseId, apprentice.Email);
    }

    public static async Task<T> CaseAsync<T>(PortalFactory factory, int caseId, Func<EpaCase, T> read) =>
        await factory.WithDbAsync(async db => read(await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId)));

    public static Task<CaseState> StateAsync(PortalFactory factory, int caseId) => CaseAsync(factory, caseId, c => c.State);

    /// <summary>ProjectSubmitted → PreInterviewReview with the case page's button.</summary>
    public static async Task StartReviewAsync(PortalClient assessor, int caseId)
    {
        var response = await assessor.SubmitFormAsync($"/assessor/cases/{caseId}", new Dictionary<string, string>(), "form[action$='start-review']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/assessor/cases/{caseId}/notes", response.Headers.Location!.OriginalString);
    }

    /// <summary>
    /// The notes form with every area and competency concluded at <paramref name="level"/>, citing the
    /// first piece of evidence offered, the notes text and one new question (not posted yet).
    /// </summary>
    public static async Task<FormData> CompleteNotesFormAsync(PortalClient assessor, int caseId, string notes, string question, InitialLevel level = InitialLevel.Expected)
    {
        var form = await FormData.LoadAsync(assessor, $"/assessor/cases/{caseId}/notes", "#notes-form");
        for (var i = 0; form.Get($"Conclusions[{i}].AreaCode") is not null || form.Get($"Conclusions[{i}].CompetencyId") is not null; i++)
        {
            form.Set($"Conclusions[{i}].Level", level.ToString());
            form.Set($"Conclusions[{i}].EvidenceRefs", form.OptionsOf($"Conclusions[{i}].EvidenceRefs")[0]);
        }

        form.Set("Notes", notes);
        form.Set("NewQuestions[0].Text", question);
        var competencies = form.OptionsOf("NewQuestions[0].CompetencyIds");
        form.Set("NewQuestions[0].CompetencyIds", competencies[0], competencies[1]);
        return form;
    }

    /// <summary>Books the interview (PreInterviewReview → InterviewScheduled) on the first day the notice rule
    /// allows (five working days ahead), at 10:00 UK time.</summary>
    public static async Task<HttpResponseMessage> BookAsync(PortalFactory factory, PortalClient assessor, int caseId, string location = "https://video.example.test/room-1")
    {
        var day = FirstDayWithNotice(factory);
        var form = await FormData.LoadAsync(assessor, $"/assessor/cases/{caseId}/interview", "form.booking-form");
        form.Set("Day", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Set("Time", "10:00")
            .Set("Mode", nameof(InterviewMode.VideoCall))
            .Set("Location", location);
        return await form.PostAsync(assessor);
    }

    /// <summary>The first day a booking made now meets the ST0128 v1.0 notice (5 working days, England and Wales).</summary>
    public static DateOnly FirstDayWithNotice(PortalFactory factory, int noticeWorkingDays = 5) =>
        Domain.Scheduling.ScheduleRules.EarliestDay(
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), factory.Clock.LocalTimeZone).DateTime),
            noticeWorkingDays,
            Domain.Common.BankHolidayCalendar.UnitedKingdom.For(Domain.Common.UkNation.EnglandAndWales));

    /// <summary>Moves the clock to the end of the case's interview (held for its booked length). Sign in
    /// again afterwards: days pass, and a session idle for eight hours has expired.</summary>
    public static async Task PassTheInterviewStartAsync(PortalFactory factory, int caseId)
    {
        var booked = await factory.WithDbAsync(db => db.Interviews.Where(i => i.CaseId == caseId).OrderByDescending(i => i.Attempt).Select(i => new { i.StartsAt, i.DurationMinutes }).FirstAsync());
        var endsAt = booked.StartsAt.AddMinutes(booked.DurationMinutes);
        var now = factory.Clock.GetUtcNow();
        if (endsAt > now)
        {
            factory.Clock.Advance(endsAt - now);
        }
    }

    /// <summary>The record form with every question asked and answered with <paramref name="answer"/>.</summary>
    public static async Task<FormData> AnsweredRecordFormAsync(PortalClient assessor, int caseId, string answer)
    {
        var form = await FormData.LoadAsync(assessor, $"/assessor/cases/{caseId}/interview", "form.record-form");
        for (var i = 0; form.Get($"Questions[{i}].Id") is not null; i++)
        {
            form.Set($"Questions[{i}].Asked", "true");
            form.Set($"Questions[{i}].AnswerSummary", $"{answer} (question {i + 1})");
            form.Set($"Questions[{i}].EvidencedCompetencyIds", form.OptionsOf($"Questions[{i}].EvidencedCompetencyIds")[0]);
        }

        return form;
    }

    /// <summary>
    /// The judgement form with the three areas at the given levels and rationales, and every competency
    /// citing one piece of evidence from each method offered (so all four methods are assessed).
    /// </summary>
    public static async Task<FormData> JudgementFormAsync(PortalClient assessor, int caseId, AreaLevel what, AreaLevel how, AreaLevel withWhom, string rationale)
    {
        var form = await FormData.LoadAsync(assessor, $"/assessor/cases/{caseId}/judgement", "#judgement-form");
        var levels = new Dictionary<string, AreaLevel> { ["What"] = what, ["How"] = how, ["WithWhom"] = withWhom };
        for (var i = 0; form.Get($"Areas[{i}].AreaCode") is { } code; i++)
        {
            form.Set($"Areas[{i}].Level", levels[code].ToString());
            form.Set($"Areas[{i}].Rationale", $"{rationale} ({code})");
        }

        for (var i = 0; form.Get($"Competencies[{i}].CompetencyId") is not null; i++)
        {
            var options = form.OptionsOf($"Competencies[{i}].EvidenceRefs");
            var onePerMethod = options.GroupBy(o => o.Split(':')[0]).Select(g => g.First()).ToArray();
            form.Set($"Competencies[{i}].EvidenceRefs", onePerMethod);
        }

        return form;
    }

    /// <summary>A quality assurer returns the grade through the real workflow (the QA screens are another feature's).</summary>
    public static async Task ReturnByQaAsync(PortalFactory factory, int caseId, CaseState to, string reason)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var loader = services.GetRequiredService<CaseFactsLoader>();
        var workflow = services.GetRequiredService<CaseWorkflow>();
        var qa = await db.Users.SingleAsync(u => u.Email == Demo.QualityAssurer);
        var actor = new Domain.Access.Actor(qa.Id, qa.DisplayName, [Domain.Access.PortalRole.QualityAssurer]);
        var snapshot = (await loader.LoadForUpdateAsync(caseId))!;
        var outcome = workflow.Transition(snapshot.Case, to, actor, snapshot.Facts, reason);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Problems));
        db.AuditEntries.Add(outcome.Audit!.ToAuditEntry());
        await db.SaveChangesAsync();
    }

    /// <summary>Stores a file for the case through the evidence store (the bytes are whatever the test needs).</summary>
    public static async Task<Guid> AddFileAsync(PortalFactory factory, int caseId, string fileName, string contentType, byte[] bytes, FilePurpose purpose = FilePurpose.PortfolioEvidence)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IEvidenceStore>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var staged = await store.StageAsync(new MemoryStream(bytes), 10_000_000, CancellationToken.None);
        var key = await store.CommitAsync(staged, CancellationToken.None);
        var uploader = await db.Apprentices.Where(a => db.Cases.Any(c => c.Id == caseId && c.ApprenticeId == a.Id)).Select(a => a.UserId!).SingleAsync();
        var file = new StoredFile(Guid.NewGuid(), caseId, purpose, fileName, contentType, bytes.Length, staged.Sha256, key, uploader, factory.Clock.GetUtcNow());
        db.StoredFiles.Add(file);
        await db.SaveChangesAsync();
        return file.Id;
    }

    public static string Marker() => "MARKER-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    public static async Task<string> BodyAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();
}
