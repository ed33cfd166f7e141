using System.Globalization;
using System.Net;
using EpaPortal.Domain.Assessment;
using EpaPortal.Domain.Cases;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Data;
using EpaPortal.Web.Features.Interviews;
using EpaPortal.Web.Tests.Assessor;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EpaPortal.Web.Tests.Scheduling;

/// <summary>
/// Holds the first booking's save (the first save that adds an interview) until the test lets it go, so two
/// bookings race in a fixed order: the first reads the diary, the second books and saves, then the first saves.
/// It holds the save before its transaction begins (before the audit chain's lock is taken), as a slow request would.
/// </summary>
public sealed class BookingGate : DbTransactionInterceptor
{
    private int _armed;

    public TaskCompletionSource FirstReachedSave { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Arm()
    {
        FirstReachedSave = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _armed, 1);
    }

    public override async ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(System.Data.Common.DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context!.ChangeTracker.Entries<Interview>().Any(e => e.State == EntityState.Added) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            FirstReachedSave.TrySetResult();
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return result;
    }
}

public sealed class BookingRacePortalFactory : PortalFactory
{
    public BookingGate Gate { get; } = new();

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.ConfigureDbContext<PortalDbContext>(options => options.AddInterceptors(Gate)));
}

/// <summary>Issue 18, item 4 (ADR 21): two bookings of the same assessor's same free slot at the same instant. Both
/// read the diary before either saves, so neither sees the other's interview; the booking's save bumps the
/// assessor's diary row, so the second save is a concurrency conflict and saves nothing.</summary>
[Trait(Category.Name, Category.Integration)]
public class BookingRaceTests(BookingRacePortalFactory factory) : IClassFixture<BookingRacePortalFactory>
{
    private static IReadOnlyCollection<DateOnly> Holidays => BankHolidayCalendar.UnitedKingdom.For(UkNation.EnglandAndWales);

    private async Task<int> ReadyToBookAsync(PortalClient assessor)
    {
        var testCase = await AssessorJourney.CreateCaseAsync(factory, CaseState.ProjectSubmitted, Demo.Assessor);
        await AssessorJourney.StartReviewAsync(assessor, testCase.CaseId);
        var notes = await AssessorJourney.CompleteNotesFormAsync(assessor, testCase.CaseId, "Notes", "Why this design?");
        Assert.Equal(HttpStatusCode.Redirect, (await notes.PostAsync(assessor)).StatusCode);
        return testCase.CaseId;
    }

    private static async Task<FormData> BookingFormAsync(PortalClient client, int caseId, DateOnly day, string time)
    {
        var form = await FormData.LoadAsync(client, $"/assessor/cases/{caseId}/interview", "form.booking-form");
        form.Set("Day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Set("Time", time).Set("Mode", "VideoCall").Set("Location", "https://video.example.test/race");
        return form;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoSimultaneousBookingsOfTheSameSlot_TheSecondToSaveIsToldTheSlotWasTaken_AndOnlyOneIsBooked(bool assessorHasADiary)
    {
        using var assessor = await factory.SignInAsync(Demo.Assessor);
        using var admin = await factory.SignInAsync(Demo.Admin);
        // Without a diary row the booking adds one (a second insert is a duplicate key); with one it bumps its version.
        var assessorId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Demo.Assessor).Select(u => u.Id).SingleAsync());
        await factory.WithDbAsync(async db =>
        {
            await db.AssessorDiaries.Where(d => d.AssessorId == assessorId).ExecuteDeleteAsync();
            if (assessorHasADiary)
            {
                db.AssessorDiaries.Add(new Domain.Scheduling.AssessorDiary(assessorId));
                await db.SaveChangesAsync();
            }
        });

        var first = await ReadyToBookAsync(assessor);
        var second = await ReadyToBookAsync(assessor);
        var day = WorkingDays.Add(AssessorJourney.FirstDayWithNotice(factory), assessorHasADiary ? 4 : 2, Holidays);
        var firstForm = await BookingFormAsync(assessor, first, day, "11:00");
        var secondForm = await BookingFormAsync(admin, second, day, "11:00");

        factory.Gate.Arm();
        var firstBooking = firstForm.PostAsync(assessor);
        await factory.Gate.FirstReachedSave.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var secondResponse = await secondForm.PostAsync(admin);
        factory.Gate.Release.TrySetResult();
        var firstResponse = await firstBooking;

        // The second request saved first (it was not held); the held one finds the diary changed and saves nothing.
        Assert.Equal(HttpStatusCode.Redirect, secondResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, firstResponse.StatusCode);
        var page = await PortalClient.ParseAsync(firstResponse);
        Assert.Contains(InterviewService.SlotJustTaken, page.QuerySelector("#problems")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CaseState.InterviewScheduled, await AssessorJourney.StateAsync(factory, second));
        Assert.Equal(CaseState.PreInterviewReview, await AssessorJourney.StateAsync(factory, first));
        Assert.False(await factory.WithDbAsync(db => db.Interviews.AnyAsync(i => i.CaseId == first)));

        // Offered again, the page no longer lists the taken slot; booking another time works.
        var offered = page.QuerySelectorAll("input[name='Slot']").Select(i => i.GetAttribute("value")).ToList();
        Assert.DoesNotContain($"{day:yyyy-MM-dd}T11:00", offered);
        Assert.Equal(HttpStatusCode.Redirect, (await (await BookingFormAsync(assessor, first, day, "13:00")).PostAsync(assessor)).StatusCode);
    }
}
