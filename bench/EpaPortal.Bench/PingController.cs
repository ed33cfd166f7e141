using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EpaPortal.Bench;

/// <summary>
/// A signed-in "are you there": the cheapest page that still goes through the whole pipeline a real page
/// does (session ticket from the database, authorization, MVC). bench/run.sh measures every page against it;
/// only the benchmark host serves it.
/// </summary>
[Authorize]
[Route("bench")]
public class PingController : Controller
{
    [HttpGet("ping")]
    public IActionResult Ping() => Content("pong", "text/plain");
}
