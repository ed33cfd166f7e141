using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Razor;

namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// Views live beside their controllers in <c>Features/&lt;Feature&gt;/Views/</c>. The feature is the
/// namespace segment after "Features" of the controller.
/// </summary>
public sealed class FeatureConvention : IControllerModelConvention
{
    public const string Key = "feature";

    public void Apply(ControllerModel controller)
    {
        var ns = controller.ControllerType.Namespace ?? string.Empty;
        var marker = ".Features.";
        var index = ns.IndexOf(marker, StringComparison.Ordinal);
        if (index >= 0)
        {
            controller.Properties[Key] = ns[(index + marker.Length)..].Split('.')[0];
        }
    }
}

public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor.Properties.TryGetValue(FeatureConvention.Key, out var feature) && feature is string name)
        {
            context.Values[FeatureConvention.Key] = name;
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (context.Values.TryGetValue(FeatureConvention.Key, out var feature) && feature is not null)
        {
            yield return $"/Features/{feature}/Views/{{1}}/{{0}}.cshtml";
            yield return $"/Features/{feature}/Views/{{0}}.cshtml";
        }

        yield return "/Features/Shared/{0}.cshtml";
        foreach (var location in viewLocations)
        {
            yield return location;
        }
    }
}
