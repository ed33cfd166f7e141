using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace EpaPortal.Web.Infrastructure.DateInput;

/// <summary>
/// Binds a <see cref="DateOnly"/> or <see cref="DateTime"/> (nullable or not) from the three fields of the
/// date input (<c>&lt;name&gt;.Day</c>, <c>.Month</c>, <c>.Year</c>, form or query). When none of the three was sent,
/// or all three are blank while <c>&lt;name&gt;</c> itself carries a value, the ordinary binding of <c>&lt;name&gt;</c>
/// runs instead, so API clients, old links and scripts that send an ISO date (2026-03-27) keep working.
/// </summary>
/// <remarks>
/// A problem goes into ModelState under <c>&lt;name&gt;</c> (the error summary links to <c>#&lt;id&gt;</c>, the day
/// field); the typed parts are kept as that entry's raw value for the redisplay.
/// </remarks>
public sealed class DatePartsModelBinder(IModelBinder fallback) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var name = bindingContext.ModelName;
        var parts = string.IsNullOrEmpty(name) ? null : DateParts.Read(bindingContext.ValueProvider, name);
        if (parts is null || (parts.IsEmpty && !string.IsNullOrWhiteSpace(bindingContext.ValueProvider.GetValue(name).FirstValue)))
        {
            return fallback.BindModelAsync(bindingContext);
        }

        var metadata = bindingContext.ModelMetadata;
        var displayName = metadata.DisplayName ?? DateParts.Humanize(metadata.Name ?? name);
        var date = parts.Parse(displayName, metadata.IsRequired, out var error);
        bindingContext.ModelState.SetModelValue(name, parts with { Error = error }, parts.AttemptedValue);
        if (error is not null)
        {
            bindingContext.ModelState.TryAddModelError(name, error);
            bindingContext.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }

        if (date is null)
        {
            // All three blank on an optional date: no date (the form's validator says whether one was needed).
            bindingContext.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }

        bindingContext.Result = ModelBindingResult.Success(metadata.UnderlyingOrModelType == typeof(DateTime)
            ? date.Value.ToDateTime(TimeOnly.MinValue)
            : date.Value);
        return Task.CompletedTask;
    }
}

/// <summary>Gives <see cref="DatePartsModelBinder"/> to every DateOnly / DateTime bound from the form, the query or by default.</summary>
public sealed class DatePartsModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.UnderlyingOrModelType;
        if (type != typeof(DateOnly) && type != typeof(DateTime))
        {
            return null;
        }

        var source = context.BindingInfo.BindingSource;
        if (source is not null && source != BindingSource.ModelBinding && source != BindingSource.Form && source != BindingSource.Query)
        {
            return null;
        }

        var loggers = context.Services.GetRequiredService<ILoggerFactory>();
        return new DatePartsModelBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, loggers));
    }
}
