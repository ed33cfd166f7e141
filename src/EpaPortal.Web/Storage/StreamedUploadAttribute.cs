using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace EpaPortal.Web.Storage;

/// <summary>
/// For actions that read their body with <see cref="UploadReceiver"/>: no form model binding (which would
/// buffer the files) and a request size limit taken from the upload settings instead of Kestrel's 30 MB default.
/// Put <see cref="IgnoreAntiforgeryTokenAttribute"/> beside it: the global filter would read the whole form
/// to find the token; <see cref="UploadReceiver"/> checks the token itself before reading any file.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StreamedUploadAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<FormValueProviderFactory>();
        factories.RemoveType<FormFileValueProviderFactory>();
        factories.RemoveType<JQueryFormValueProviderFactory>();

        var limits = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limits is { IsReadOnly: false })
        {
            limits.MaxRequestBodySize = context.HttpContext.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.MaxRequestBytes;
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
