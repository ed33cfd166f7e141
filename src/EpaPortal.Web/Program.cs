using EpaPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();

app.UsePortalPipeline();
await app.PreparePortalDatabaseAsync(args);
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
