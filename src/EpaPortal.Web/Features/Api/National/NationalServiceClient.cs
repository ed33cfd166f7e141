using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Features.Api.National;

/// <summary>The <c>NationalService</c> settings: off unless both the base URL and the subscription key are set.</summary>
public sealed class NationalServiceOptions
{
    public const string Section = "NationalService";

    /// <summary>The external API's base address, e.g. https://…/ (its paths start api/v1/).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The API Management subscription key, sent as Ocp-Apim-Subscription-Key. A secret: keep it out of the repository.</summary>
    public string? SubscriptionKey { get; set; }

    /// <summary>Further tries after a failure the service may get over (no answer, 408, 429, 5xx).</summary>
    public int Retries { get; set; } = 3;

    /// <summary>The first retry waits this long; each further one doubles it.</summary>
    public int RetryDelayMilliseconds { get; set; } = 1000;

    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => Uri.TryCreate(BaseUrl, UriKind.Absolute, out _) && !string.IsNullOrWhiteSpace(SubscriptionKey);
}

// The request and response models mirror the service's external API for assessment organisations
// (SFA.DAS.AssessorService.Application.Api.External: Models/Request and Models/Response), in its JSON names.

public sealed record NsStandard(int? StandardCode, string? StandardReference);

public sealed record NsLearner(long Uln, string FamilyName);

public sealed record NsLearningDetails(string? CourseOption, string? OverallGrade, DateTime? AchievementDate, string? Version);

public sealed record NsEpaRecord(DateTime EpaDate, string EpaOutcome, bool? Resit, bool? Retake);

public sealed record NsEpaDetails(string? EpaReference, IReadOnlyList<NsEpaRecord> Epas);

public sealed record NsPostalContact(string ContactName, string? Department, string? Organisation, string AddressLine1, string? AddressLine2, string? AddressLine3, string City, string PostCode);

public sealed record CreateEpaRequest(string RequestId, NsStandard Standard, NsLearner Learner, NsLearningDetails LearningDetails, NsEpaDetails EpaDetails);

public sealed record CreateEpaResponse(string? RequestId, string? EpaReference, IReadOnlyList<string>? ValidationErrors);

public sealed record CreateCertificateRequest(string RequestId, NsStandard Standard, NsLearner Learner, NsLearningDetails LearningDetails, NsPostalContact PostalContact);

public sealed record NsCertificateData(string? CertificateReference, NsStandard? Standard, NsLearner? Learner, NsLearningDetails? LearningDetails, NsPostalContact? PostalContact);

public sealed record NsCertificateStatus(string? CurrentStatus);

public sealed record NsCertificate(NsCertificateData? CertificateData, NsCertificateStatus? Status);

public sealed record CreateCertificateResponse(string? RequestId, NsCertificate? Certificate, IReadOnlyList<string>? ValidationErrors);

public sealed record SubmitCertificateRequest(string RequestId, long Uln, int? StandardCode, string? StandardReference, string FamilyName, string CertificateReference);

public sealed record SubmitCertificateResponse(string? RequestId, NsCertificate? Certificate, IReadOnlyList<string>? ValidationErrors);

public sealed record NsLearnerData(NsStandard? Standard, NsLearner? Learner);

public sealed record GetLearnerResponse(NsLearnerData? LearnerData, NsEpaDetails? EpaDetails, NsCertificate? Certificate);

/// <summary>The service's error body (403 with the validation errors joined by "; ").</summary>
public sealed record NsApiResponse(int StatusCode, string? Message);

public enum NationalCallStatus
{
    /// <summary>Answered and accepted.</summary>
    Ok,

    /// <summary>No such learner (404).</summary>
    NotFound,

    /// <summary>Answered with validation errors: correct the data, then send again.</summary>
    Rejected,

    /// <summary>No usable answer after the retries (unreachable, timed out, 5xx, key refused): try again later.</summary>
    Failed,
}

/// <summary>What one call to the national service came to.</summary>
public sealed record NationalCallResult<T>(NationalCallStatus Status, T? Value, IReadOnlyList<string> Errors);

public static class NationalCall
{
    public static NationalCallResult<T> Failed<T>(string error) => new(NationalCallStatus.Failed, default, [error]);
}

/// <summary>The national apprenticeship assessment service's external API for assessment organisations.</summary>
public interface INationalAssessmentService
{
    bool IsConfigured { get; }

    Task<NationalCallResult<GetLearnerResponse>> GetLearnerAsync(string uln, string familyName, string standard, CancellationToken cancellationToken);

    Task<NationalCallResult<CreateEpaResponse>> CreateEpaRecordAsync(CreateEpaRequest request, CancellationToken cancellationToken);

    Task<NationalCallResult<CreateCertificateResponse>> CreateCertificateAsync(CreateCertificateRequest request, CancellationToken cancellationToken);

    Task<NationalCallResult<SubmitCertificateResponse>> SubmitCertificateAsync(SubmitCertificateRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// The HTTP client of the national service: the subscription key on every call, JSON in the service's shapes,
/// retries with back-off on failures it may get over, and its validation errors (in a 200 batch answer's
/// <c>validationErrors</c>, or a 403's message) returned as they are for the admin to read.
/// </summary>
public sealed class HttpNationalAssessmentService(HttpClient http, IOptionsMonitor<NationalServiceOptions> options, ILogger<HttpNationalAssessmentService> logger) : INationalAssessmentService
{
    public const string SubscriptionKeyHeader = "Ocp-Apim-Subscription-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public async Task<NationalCallResult<GetLearnerResponse>> GetLearnerAsync(string uln, string familyName, string standard, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"api/v1/learner/{Uri.EscapeDataString(uln)}/{Uri.EscapeDataString(familyName)}/{Uri.EscapeDataString(standard)}");
        return await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), async response =>
        {
            var learner = await response.Content.ReadFromJsonAsync<GetLearnerResponse>(Json, cancellationToken);
            return new NationalCallResult<GetLearnerResponse>(NationalCallStatus.Ok, learner, []);
        }, cancellationToken);
    }

    public Task<NationalCallResult<CreateEpaResponse>> CreateEpaRecordAsync(CreateEpaRequest request, CancellationToken cancellationToken) =>
        BatchAsync<CreateEpaRequest, CreateEpaResponse>("api/v1/epa", request, r => r.ValidationErrors, cancellationToken);

    public Task<NationalCallResult<CreateCertificateResponse>> CreateCertificateAsync(CreateCertificateRequest request, CancellationToken cancellationToken) =>
        BatchAsync<CreateCertificateRequest, CreateCertificateResponse>("api/v1/certificate", request, r => r.ValidationErrors, cancellationToken);

    public Task<NationalCallResult<SubmitCertificateResponse>> SubmitCertificateAsync(SubmitCertificateRequest request, CancellationToken cancellationToken) =>
        BatchAsync<SubmitCertificateRequest, SubmitCertificateResponse>("api/v1/certificate/submit", request, r => r.ValidationErrors, cancellationToken);

    /// <summary>The service's create and submit calls take a list and answer one result per item: this sends one.</summary>
    private Task<NationalCallResult<TResponse>> BatchAsync<TRequest, TResponse>(string path, TRequest request, Func<TResponse, IReadOnlyList<string>?> errorsOf, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new[] { request }, options: Json) }, async response =>
        {
            var items = await response.Content.ReadFromJsonAsync<List<TResponse>>(Json, cancellationToken);
            if (items is not [var item])
            {
                return NationalCall.Failed<TResponse>("The national service's answer did not have one result for the one record sent.");
            }

            var errors = errorsOf(item) ?? [];
            return new NationalCallResult<TResponse>(errors.Count == 0 ? NationalCallStatus.Ok : NationalCallStatus.Rejected, item, errors);
        }, cancellationToken);

    private async Task<NationalCallResult<T>> SendAsync<T>(Func<HttpRequestMessage> build, Func<HttpResponseMessage, Task<NationalCallResult<T>>> read, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
        {
            return NationalCall.Failed<T>("The national service is not configured (NationalService:BaseUrl and NationalService:SubscriptionKey).");
        }

        var lastError = string.Empty;
        for (var attempt = 0; attempt <= Math.Max(0, settings.Retries); attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, settings.RetryDelayMilliseconds) * Math.Pow(2, attempt - 1)), cancellationToken);
            }

            try
            {
                using var request = build();
                request.RequestUri = new Uri(new Uri(EnsureSlash(settings.BaseUrl!)), request.RequestUri!.OriginalString);
                request.Headers.Add(SubscriptionKeyHeader, settings.SubscriptionKey);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)));
                using var response = await http.SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return await read(response);
                }

                switch (response.StatusCode)
                {
                    case HttpStatusCode.NotFound:
                        return new NationalCallResult<T>(NationalCallStatus.NotFound, default, ["ULN, FamilyName and Standard not found."]);
                    case HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity:
                        return new NationalCallResult<T>(NationalCallStatus.Rejected, default, await ErrorsAsync(response, cancellationToken));
                    case HttpStatusCode.Unauthorized:
                        return NationalCall.Failed<T>("The national service refused the subscription key (401): check NationalService:SubscriptionKey.");
                    case HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError:
                        lastError = $"The national service answered {(int)response.StatusCode} {response.ReasonPhrase}.";
                        logger.LogWarning("National service call {Path} answered {Status}; attempt {Attempt}.", request.RequestUri.AbsolutePath, (int)response.StatusCode, attempt + 1);
                        continue;
                    default:
                        return NationalCall.Failed<T>($"The national service answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                lastError = ex switch
                {
                    OperationCanceledException => "The national service did not answer in time.",
                    JsonException => "The national service's answer could not be read.",
                    _ => "The national service could not be reached: " + ex.Message,
                };
                logger.LogWarning(ex, "National service call failed; attempt {Attempt}.", attempt + 1);
            }
        }

        return NationalCall.Failed<T>(lastError + " Tried " + (Math.Max(0, settings.Retries) + 1).ToString(CultureInfo.InvariantCulture) + " times.");
    }

    private static async Task<IReadOnlyList<string>> ErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var body = JsonSerializer.Deserialize<NsApiResponse>(text, Json);
            if (!string.IsNullOrWhiteSpace(body?.Message))
            {
                return body.Message.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }
        catch (JsonException)
        {
            // Not the service's error body: the text itself is the best explanation there is.
        }

        return [string.IsNullOrWhiteSpace(text) ? $"The national service refused the record ({(int)response.StatusCode})." : text.Length > 500 ? text[..500] : text];
    }

    private static string EnsureSlash(string url) => url.EndsWith('/') ? url : url + "/";
}
