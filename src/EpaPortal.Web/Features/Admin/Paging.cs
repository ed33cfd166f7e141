namespace EpaPortal.Web.Features.Admin;

/// <summary>One page of a list, with what the pager needs.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public static class Paging
{
    /// <summary>The most rows any admin list shows on one page.</summary>
    public const int MaxPageSize = 50;

    public static int ClampPage(int page) => page < 1 ? 1 : Math.Min(page, 1_000_000);
}

/// <summary>What the shared _Pager partial draws: page links built by <see cref="Url"/>.</summary>
public sealed record PagerModel(int Page, int Pages, int Total, string Label, Func<int, string> Url);

public static class SearchText
{
    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, with LIKE's wildcards escaped (escape char '\').</summary>
    public static string Contains(string text) => "%" + Escape(text) + "%";

    public static string StartsWith(string text) => Escape(text) + "%";

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal)
        .Replace("[", "\\[", StringComparison.Ordinal);
}
