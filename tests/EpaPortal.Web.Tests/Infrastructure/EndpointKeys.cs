using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;

namespace EpaPortal.Web.Tests.Infrastructure;

/// <summary>Names an endpoint as "METHODS pattern", the way the access matrix and the command budgets list them.</summary>
public static class EndpointKeys
{
    public static string Of(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } list ? string.Join(",", list.Order(StringComparer.Ordinal)) : "*";
        var action = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
        var pattern = action is { AttributeRouteInfo: null }
            ? $"{action.ControllerName}/{action.ActionName} (conventional)"
            : (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
        return $"{methods} {pattern}";
    }

    /// <summary>Every endpoint a request can reach (static files, public by design, and routes kept only for links left out).</summary>
    public static IEnumerable<RouteEndpoint> Routable(EndpointDataSource source) =>
        source.Endpoints.OfType<RouteEndpoint>().Where(endpoint =>
            !endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")
            && endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching != true);
}
