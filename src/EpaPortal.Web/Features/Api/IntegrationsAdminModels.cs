using EpaPortal.Domain.Access;
using EpaPortal.Domain.Common;
using EpaPortal.Web.Features.Api.Webhooks;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Api;

public sealed record OrganisationChoice(int Id, string Name);

public sealed record ApiClientRow(int Id, string ClientId, string Name, string OrganisationName, string Scopes, string CreatedAt, string? SecretChangedAt, string? DisabledAt, string? LastCallAt);

/// <summary>The API clients page; <see cref="NewSecret"/> is set only on the answer that made it (shown once, never stored).</summary>
public sealed record ApiClientsViewModel(IReadOnlyList<ApiClientRow> Clients, IReadOnlyList<OrganisationChoice> Organisations, ApiClientInput Input, IReadOnlyList<string> Problems, ShownSecret? NewSecret);

public sealed record ShownSecret(string Label, string Id, string Secret);

public sealed class ApiClientInput
{
    public string? Name { get; set; }

    public int? OrganisationId { get; set; }

    public List<string> Scopes { get; set; } = [];
}

public sealed class ApiClientInputValidator : AbstractValidator<ApiClientInput>
{
    public ApiClientInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the client, for example the organisation's system (\"Acme MIS\").")
            .MaximumLength(FieldLengths.Name).WithMessage($"Keep the name to {FieldLengths.Name} characters or fewer.");
        RuleFor(x => x.OrganisationId).NotNull().WithMessage("Choose the organisation the client acts for.");
        RuleFor(x => x.Scopes).NotEmpty().WithMessage("Choose at least one scope.")
            .Must(s => s.All(ApiScopes.All.Contains)).WithMessage("Choose scopes from the list.");
    }
}

public sealed record WebhookRow(int Id, string OrganisationName, string Url, IReadOnlyList<string> Events, string CreatedAt, string? DisabledAt, int Waiting, int GivenUp);

public sealed record WebhooksViewModel(IReadOnlyList<WebhookRow> Subscriptions, IReadOnlyList<OrganisationChoice> Organisations, WebhookInput Input, IReadOnlyList<string> Problems, ShownSecret? NewSecret);

public sealed record DeliveryRow(long Id, string Event, int? CaseId, string CreatedAt, int Attempts, int? LastStatusCode, string? LastError, string? DeliveredAt, string? GaveUpAt, string? NextAttemptAt);

public sealed record WebhookDeliveriesViewModel(WebhookRow Subscription, IReadOnlyList<DeliveryRow> Deliveries);

public sealed class WebhookInput
{
    public int? OrganisationId { get; set; }

    public string? Url { get; set; }

    public List<string> Events { get; set; } = [];
}

/// <summary>The <c>Api:Webhooks</c> settings.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Api:Webhooks";

    /// <summary>Accept http:// receivers (tests and local development only; production needs HTTPS).</summary>
    public bool AllowInsecureHttp { get; set; }

    public int TimeoutSeconds { get; set; } = 10;
}

public sealed class WebhookInputValidator : AbstractValidator<WebhookInput>
{
    public WebhookInputValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(x => x.OrganisationId).NotNull().WithMessage("Choose the organisation whose events are sent.");
        RuleFor(x => x.Url).NotEmpty().WithMessage("Enter the receiver's address, starting https://.")
            .MaximumLength(WebhookSubscription.UrlLength).WithMessage($"Keep the address to {WebhookSubscription.UrlLength} characters or fewer.")
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (options.Value.AllowInsecureHttp && uri.Scheme == Uri.UriSchemeHttp)) && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment))
            .WithMessage("Enter a full HTTPS address, for example https://mis.example.org/epa-events (no user name or #fragment).");
        RuleFor(x => x.Events).NotEmpty().WithMessage("Choose at least one event.")
            .Must(e => e.All(WebhookEvents.All.Contains)).WithMessage("Choose events from the list.");
    }
}
