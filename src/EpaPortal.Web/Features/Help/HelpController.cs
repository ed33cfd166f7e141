using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Web.Features.Help;

/// <summary>The role guides inside the portal (issue 25, item 7), for everyone signed in: public how-to text, no case data.</summary>
[Authorize]
[Route("help")]
public class HelpController(HelpGuides guides) : Controller
{
    private const string Views = "~/Features/Help/Views/Help/";

    [HttpGet("{guide:regex(^[[a-z-]]+$)}")]
    public async Task<IActionResult> Guide(string guide, CancellationToken cancellationToken)
    {
        var rendered = await guides.RenderAsync(
            guide,
            other => Url.Action(nameof(Guide), new { guide = other })!,
            image => Url.Action(nameof(Image), new { name = image })!,
            cancellationToken);
        if (rendered is not { } page)
        {
            return NotFound();
        }

        return View(Views + "Guide.cshtml", new HelpGuideViewModel(guide, page.Title, page.Html));
    }

    [HttpGet("images/{name}")]
    public IActionResult Image(string name)
    {
        if (guides.ImagePath(name) is not { } path)
        {
            return NotFound();
        }

        return PhysicalFile(path, "image/png");
    }
}

/// <summary>A rendered guide.</summary>
public sealed record HelpGuideViewModel(string Guide, string Title, string Html);
