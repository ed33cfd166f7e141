using System.Diagnostics;
using System.Net;

namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// The page shown when something fails outside Development: no details, a reference to quote, and
/// nothing that could fail in turn (no database, no view engine, no session).
/// </summary>
public static class FriendlyError
{
    public static async Task WriteAsync(HttpContext context)
    {
        var reference = WebUtility.HtmlEncode(Activity.Current?.Id ?? context.TraceIdentifier);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
              <meta charset="utf-8" />
              <meta name="viewport" content="width=device-width, initial-scale=1.0" />
              <title>Sorry, there is a problem - EPA Portal</title>
              <link rel="stylesheet" href="/lib/bootstrap/dist/css/bootstrap.min.css" />
              <link rel="stylesheet" href="/css/site.css" />
            </head>
            <body>
              <header><nav class="navbar navbar-dark bg-portal mb-4" aria-label="Main"><div class="container"><a class="navbar-brand fw-semibold" href="/">EPA Portal</a></div></nav></header>
              <div class="container">
                <main id="main-content">
                  <h1 class="h2">Sorry, there is a problem with the service</h1>
                  <p>What you had already saved is safe. Please try again in a few minutes.</p>
                  <p class="text-body-secondary small">If you contact support, quote reference <code>{{reference}}</code>.</p>
                  <p><a href="/">Go to your home page</a></p>
                </main>
              </div>
            </body>
            </html>
            """);
    }
}
