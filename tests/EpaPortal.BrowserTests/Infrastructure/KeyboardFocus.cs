using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace EpaPortal.BrowserTests.Infrastructure;

/// <summary>Keyboard-only use: Tab through the page and check every focused element shows its focus.</summary>
public static class KeyboardFocus
{
    // Describes document.activeElement: what it is, its outline and where it is on screen.
    private const string DescribeFocus = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) { return null; }
          const s = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          const text = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || '').trim().replace(/\s+/g, ' ').slice(0, 50);
          return JSON.stringify({
            description: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (text ? ' "' + text + '"' : ''),
            outlineStyle: s.outlineStyle,
            outlineWidth: parseFloat(s.outlineWidth) || 0,
            outlineColor: s.outlineColor,
            width: r.width, height: r.height, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
            viewportWidth: window.innerWidth, viewportHeight: window.innerHeight
          });
        }
        """;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// Fails unless the focused element is on screen and drawn with the portal's focus outline
    /// (at least 2px, not transparent). Returns a description of the element.
    /// </summary>
    public static async Task<string> AssertFocusVisibleAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string?>(DescribeFocus);
        var focus = json is null ? null : JsonSerializer.Deserialize<FocusState>(json, Json);
        Assert.True(focus is not null, $"Nothing has keyboard focus on {page.Url}.");

        Assert.True(focus.Width > 0 && focus.Height > 0, $"The focused {focus.Description} is not drawn (size {focus.Width}x{focus.Height}).");
        Assert.True(focus.Bottom > 0 && focus.Top < focus.ViewportHeight && focus.Right > 0 && focus.Left < focus.ViewportWidth,
            $"The focused {focus.Description} is off screen.");
        Assert.True(focus.OutlineStyle != "none" && focus.OutlineWidth >= 2 && !IsTransparent(focus.OutlineColor),
            $"The focused {focus.Description} has no visible focus outline (outline: {focus.OutlineStyle} {focus.OutlineWidth.ToString(CultureInfo.InvariantCulture)}px {focus.OutlineColor}).");
        return focus.Description;
    }

    /// <summary>
    /// Presses Tab until <paramref name="target"/> has focus, checking the focus is visible at every stop;
    /// fails after <paramref name="maxTabs"/> presses, listing where the focus went.
    /// </summary>
    public static async Task TabToAsync(IPage page, ILocator target, int maxTabs = 25)
    {
        var visited = new List<string>();
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            visited.Add(await AssertFocusVisibleAsync(page));
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"Tab did not reach {target} in {maxTabs} presses. Focus went to: {string.Join(" → ", visited)}");
    }

    private static bool IsTransparent(string color) =>
        color == "transparent" || color.EndsWith(", 0)", StringComparison.Ordinal);

    private sealed record FocusState(
        string Description,
        string OutlineStyle,
        double OutlineWidth,
        string OutlineColor,
        double Width,
        double Height,
        double Top,
        double Bottom,
        double Left,
        double Right,
        double ViewportWidth,
        double ViewportHeight);
}
