using Microsoft.AspNetCore.Hosting;

namespace EpaPortal.Web.Tests.Infrastructure;

/// <summary>
/// The portal with the whole demo data of a first run in Development: the demo users and also the
/// apprentices whose cases the scenarios drove further on (the README's list). Tests of what the demo
/// shows use it; they change nothing of the seeded cases (a test that tampers makes a case of its own).
/// </summary>
public sealed class DemoScenarioFactory : PortalFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("DemoData:Scenarios", "true");
}
