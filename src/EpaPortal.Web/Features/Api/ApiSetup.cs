using EpaPortal.Domain.Access;
using EpaPortal.Web.Features.Api.National;
using EpaPortal.Web.Features.Api.V1;
using EpaPortal.Web.Features.Api.Webhooks;
using EpaPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace EpaPortal.Web.Features.Api;

/// <summary>
/// The integrations (issue 23): the versioned REST API under /api/v1 with its token endpoint, OpenAPI document and
/// reference page; webhooks through the outbox; the national apprenticeship assessment service's client; and the
/// admin pages for all three.
/// </summary>
public static class ApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/admin/api-reference";

    public static IServiceCollection AddApiFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApiAuthentication();
        services.AddApiPolicies();
        services.AddApiRateLimits(configuration);
        services.AddSingleton<ApiAuditQueue>();
        services.AddHostedService<ApiAuditWriter>();
        services.AddSingleton<IAuthorizationHandler, ApiCaseAuthorizationHandler>();
        services.AddScoped<ApiService>();
        services.AddScoped<IntegrationsAdminService>();

        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookOutbox>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, (provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(Math.Clamp(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.TimeoutSeconds, 1, 60)))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        services.Configure<NationalServiceOptions>(configuration.GetSection(NationalServiceOptions.Section));
        services.AddHttpClient<INationalAssessmentService, HttpNationalAssessmentService>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddScoped<NationalSubmissionService>();

        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "EPA Portal API",
                    Version = "v1",
                    Description = "The end-point assessment organisation's API for employers' and training providers' systems: apprentices, EPA registrations, "
                        + "case status and dates, gateway evidence and released results. Authenticate with the OAuth 2.0 client-credentials flow at "
                        + "POST /api/oauth/token; every refusal is RFC 9457 problem details. Examples: docs/api.md.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["oauth2"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OAuth2,
                    Description = "Client credentials issued by the assessment organisation (id and secret, the secret shown once).",
                    Flows = new OpenApiOAuthFlows
                    {
                        ClientCredentials = new OpenApiOAuthFlow
                        {
                            TokenUrl = new Uri("/api/oauth/token", UriKind.Relative),
                            Scopes = new Dictionary<string, string>
                            {
                                [ApiScopes.Read] = "Read apprentices, registrations, case status and dates, released results.",
                                [ApiScopes.Register] = "Add apprentices and register them for end-point assessment.",
                                [ApiScopes.Upload] = "Upload gateway evidence.",
                            },
                        },
                    },
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("oauth2", document)] = [.. ApiScopes.All] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Problem details and the audit of every call at the edge of /api (after routing, before authentication).</summary>
    public static WebApplication UseApiEdge(this WebApplication app)
    {
        app.UseMiddleware<ApiEdgeMiddleware>();
        return app;
    }

    /// <summary>The OpenAPI document and the reference page, for signed-in admins.</summary>
    public static WebApplication MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).RequireAuthorization(Policies.Admin);
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("EPA Portal API")
                .WithOpenApiRoutePattern(DocumentPath))
            .RequireAuthorization(Policies.Admin);
        return app;
    }
}
