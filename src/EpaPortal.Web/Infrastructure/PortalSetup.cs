using System.Globalization;
using EpaPortal.Web.Data;
using EpaPortal.Web.Data.Seed;
using EpaPortal.Web.Features.Adjustments;
using EpaPortal.Web.Features.Admin;
using EpaPortal.Web.Features.Api;
using EpaPortal.Web.Features.Appeals;
using EpaPortal.Web.Features.Assessor;
using EpaPortal.Web.Features.Scheduling;
using EpaPortal.Web.Features.Cases;
using EpaPortal.Web.Features.Conflicts;
using EpaPortal.Web.Features.Dashboards;
using EpaPortal.Web.Features.Employer;
using EpaPortal.Web.Features.Gateway;
using EpaPortal.Web.Features.Grading;
using EpaPortal.Web.Features.Help;
using EpaPortal.Web.Features.Interviews;
using EpaPortal.Web.Features.Messages;
using EpaPortal.Web.Features.Notifications;
using EpaPortal.Web.Features.Portfolio;
using EpaPortal.Web.Features.Project;
using EpaPortal.Web.Features.Provider;
using EpaPortal.Web.Features.Quality;
using EpaPortal.Web.Features.Records;
using EpaPortal.Web.Features.References;
using EpaPortal.Web.Features.Results;
using EpaPortal.Web.Security;
using EpaPortal.Web.Storage;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Infrastructure;

public static class PortalSetup
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// Every service of the portal: what Program.cs builds, and what a host that adds to the portal (the
    /// benchmark host, bench/EpaPortal.Bench) builds on.
    /// </summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddPortalData(builder.Configuration, builder.Environment);
        builder.Services.AddPortalIdentity(builder.Environment);
        builder.Services.AddPortalAuthorization();
        builder.Services.AddPortalFeatures(builder.Configuration);
        builder.AddPortalTelemetry();
        return builder;
    }

    /// <summary>MVC with feature folders, validators, health checks, data protection and the features' services.</summary>
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddControllersWithViews(options =>
            {
                // Every unsafe request (POST, PUT, PATCH, DELETE) must carry a valid antiforgery token.
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Conventions.Add(new FeatureConvention());

                // Dates are typed as Day / Month / Year (the GOV.UK date input); an ISO date still binds.
                options.ModelBinderProviders.Insert(0, new DateInput.DatePartsModelBinderProvider());
            })
            .AddRazorOptions(options => options.ViewLocationExpanders.Add(new FeatureViewLocationExpander()));

        services.AddValidatorsFromAssemblyContaining<Program>();
        services.AddFluentValidationClientsideAdapters();

        // Keys live in the database so every instance behind a load balancer reads the same key ring.
        services.AddDataProtection()
            .SetApplicationName("EpaPortal")
            .PersistKeysToDbContext<PortalDbContext>();

        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
            .AddCheck<EvidenceStoreReadyCheck>("evidence-store", tags: ["ready"]);

        services.Configure<ForwardedHeadersOptions>(options => ReverseProxySettings.Apply(options, configuration));

        services.AddPortalRateLimits(configuration);
        services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        services.Configure<TwoFactorOptions>(configuration.GetSection(TwoFactorOptions.Section));
        services.AddRazorPages(options =>
        {
            options.Conventions.AddAreaPageApplicationModelConvention("Identity", "/Account/Login", model =>
                model.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.Login)));

            // "Forgotten password" and "resend the confirmation e-mail" send e-mails, the two-step pages take
            // guessable codes, and the reset page takes a new password: the same per-address limit on their
            // POSTs keeps them from mail-bombing anyone or from being guessed at.
            foreach (var page in RateLimits.SignInPages)
            {
                options.Conventions.AddAreaPageApplicationModelConvention("Identity", page, model =>
                    model.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.Login)));
            }

            // Identity's two-factor pages opened out of sequence send the person on instead of failing.
            options.Conventions.AddAreaFolderApplicationModelConvention("Identity", "/Account", model =>
                model.Filters.Add(new ServiceFilterAttribute(typeof(IdentityOutOfSequenceFilter))));

            // A ReturnUrl to another site is replaced before any Identity page uses it (no open redirect, no 500).
            options.Conventions.AddAreaFolderApplicationModelConvention("Identity", "/Account", model =>
                model.Filters.Add(new IdentityReturnUrlFilter()));
        });

        services.AddScoped<IdentityOutOfSequenceFilter>();
        services.AddSingleton<TimeProvider>(new UkTimeProvider());
        services.AddSingleton<Jobs.JobLeases>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.Configure<DemoDataOptions>(configuration.GetSection(DemoDataOptions.Section));
        services.AddCasesFeature(configuration);
        services.AddScoped<StandardSeeder>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<CaseScenarios>();
        services.AddNotificationsFeature(configuration);
        services.AddEvidenceStorage(configuration);
        services.AddPortfolioFeature();
        services.AddProjectFeature();
        services.AddApprenticeDashboard();
        services.AddEmployerFeature();
        services.AddProviderFeature();
        services.AddReferencesFeature();
        services.AddGatewayFeature();
        services.AddAssessorFeature(configuration);
        services.AddInterviewsFeature();
        services.AddGradingFeature();
        services.AddAdminFeature(configuration);
        services.AddConflictsFeature();
        services.AddSchedulingFeature();
        services.AddAdjustmentsFeature();
        services.AddQualityFeature(configuration);
        services.AddScoped<Features.Reports.ReportsService>();
        services.AddResultsFeature();
        services.AddAppealsFeature();
        services.AddMessagesFeature();
        services.AddHelp();
        services.AddApiFeature(configuration);
        services.AddRecordsFeature(configuration);
        return services;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        CultureInfo.DefaultThreadCurrentCulture = UkCulture;
        CultureInfo.DefaultThreadCurrentUICulture = UkCulture;

        if (app.Configuration.GetValue<bool>("ReverseProxy:Enabled"))
        {
            app.UseForwardedHeaders();
        }

        StartupNotices.Log(app);

        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            // A static page, so the error page itself never needs the database (or anything that failed).
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = FriendlyError.WriteAsync });
            app.UseHsts();
        }

        if (app.Environment.IsProduction())
        {
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/Home/Status/{0}");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(UkCulture),
            SupportedCultures = [UkCulture],
            SupportedUICultures = [UkCulture],
        });

        app.UseCookiePolicy();
        app.UseRouting();
        app.UseApiEdge();

        // Outside authorization, so it also sees the 403s that the authorization middleware answers itself.
        app.UseMiddleware<AccessDeniedAudit>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<TwoFactorEnforcementMiddleware>();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapControllerRoute(name: "default", pattern: "{controller=Home}/{action=Index}/{id?}").WithStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapApiDocuments();
        return app;
    }

    /// <summary>
    /// Applies SQLite migrations (SQL Server is migrated by the idempotent script, see docs/operations.md),
    /// seeds the standards, and in Development or with --seed-demo the demo data.
    /// </summary>
    public static async Task PreparePortalDatabaseAsync(this WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("EpaPortal.Startup");

        if (db.Database.IsSqlite() && !SqliteTuning.Apply())
        {
            logger.LogWarning("SQLite was in use before the portal configured it: its memory statistics stay on (slower under load).");
        }

        if (db.Database.IsSqlite() || app.Configuration.GetValue<bool>("Database:MigrateOnStartup"))
        {
            await db.Database.MigrateAsync();
        }

        // Entries and files recorded before the audit chain existed are sealed into it, once (ADR 18).
        await services.GetRequiredService<Data.AuditTrail.AuditChainBackfill>().SealLegacyAsync(app.Lifetime.ApplicationStopping);
        await services.GetRequiredService<StandardSeeder>().SeedAsync();

        var seedDemo = app.Environment.IsDevelopment() || args.Contains("--seed-demo") || app.Configuration.GetValue<bool>("DemoData:Enabled");
        if (seedDemo)
        {
            var logins = await services.GetRequiredService<DemoDataSeeder>().SeedAsync();
            if (app.Environment.IsDevelopment())
            {
                logger.LogWarning("Demo logins (Development only):{NewLine}{Logins}", Environment.NewLine, string.Join(Environment.NewLine, logins.Select(l => $"  {l.Role,-15} {l.Email,-30} {l.Password,-20} {l.Note}")));
            }
            else
            {
                logger.LogWarning("Demo data is present. Demo passwords are only printed in Development.");
            }
        }
    }
}
