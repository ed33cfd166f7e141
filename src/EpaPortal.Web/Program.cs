using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Infrastructure;
using EpaPortal.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddPortalData(builder.Configuration, builder.Environment);
builder.Services.AddPortalIdentity(builder.Environment);
builder.Services.AddPortalAuthorization();
builder.Services.AddPortalFeatures(builder.Configuration);
builder.AddPortalTelemetry();

var app = builder.Build();

app.UsePortalPipeline();
await app.PreparePortalDatabaseAsync(args);

// --generate-volume N fills the database for benchmarks and exits (bench/README.md).
if (await VolumeCommand.TryRunAsync(app))
{
    return;
}

// --verify-audit walks the audit chain and every stored file, prints what it found and exits (docs/operations.md).
if (await EpaPortal.Web.Features.Records.VerifyAuditCommand.TryRunAsync(app, args) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
