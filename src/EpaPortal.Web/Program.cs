using EpaPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();

app.UsePortalPipeline();
await app.PreparePortalDatabaseAsync(args);

// --verify-audit walks the audit chain and every stored file, prints what it found and exits (docs/operations.md).
if (await EpaPortal.Web.Features.Records.VerifyAuditCommand.TryRunAsync(app, args) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
