using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Infrastructure;

/// <summary>
/// One way a keyset-paged list can be sorted (issue 21): a column in one direction, with the row's id as the
/// tie-break (ADR 11), named in the URL as <c>sort=column</c> (ascending) or <c>sort=-column</c> (descending).
/// </summary>
public interface IListSort<TSource, TRow>
{
    /// <summary>The value of <c>sort</c> in the URL.</summary>
    string Name { get; }

    string Column { get; }

    bool Descending { get; }

    /// <summary>One keyset page of <paramref name="query"/> in this order (one command; the cursor is this order's).</summary>
    Task<KeysetPage<TRow>> PageAsync(IQueryable<TSource> query, PageRequest request, int size, Expression<Func<TSource, TRow>> select, CancellationToken cancellationToken);

    /// <summary>The whole filtered list in this order, for its CSV export.</summary>
    IOrderedQueryable<TSource> Apply(IQueryable<TSource> query);
}

/// <summary>A column's order: a <see cref="KeysetOrder{TSource, TKey, TId}"/> and how to read its key and id from a row.</summary>
public sealed class ListSort<TSource, TRow, TKey, TId>(
    string column,
    Expression<Func<TSource, TKey>> key,
    Expression<Func<TSource, TId>> id,
    bool descending,
    Func<TRow, TKey> rowKey,
    Func<TRow, TId> rowId) : IListSort<TSource, TRow>
    where TKey : notnull
    where TId : notnull
{
    private readonly KeysetOrder<TSource, TKey, TId> _order = new(descending ? "-" + column : column, key, id, descending);

    public string Name => _order.Name;

    public string Column => column;

    public bool Descending => descending;

    public Task<KeysetPage<TRow>> PageAsync(IQueryable<TSource> query, PageRequest request, int size, Expression<Func<TSource, TRow>> select, CancellationToken cancellationToken) =>
        _order.PageAsync(query, request, size, select, rowKey, rowId, cancellationToken);

    public IOrderedQueryable<TSource> Apply(IQueryable<TSource> query) => _order.Apply(query);
}

/// <summary>
/// The sorts a list offers, each column in both directions, and the one it uses when the URL names none (or one
/// it does not offer). One small mechanism for every sortable list: a list declares its columns once (each with
/// an index that serves key and id), and the page, the pager and the CSV export all follow the same order.
/// </summary>
public sealed class ListSorts<TSource, TRow>
{
    private readonly Dictionary<string, IListSort<TSource, TRow>> _byName = new(StringComparer.Ordinal);
    private readonly List<string> _columns = [];

    /// <summary>The sort a list uses when none is asked for.</summary>
    public IListSort<TSource, TRow> Default { get; private set; } = null!;

    /// <summary>Adds <paramref name="column"/> in both directions; the first added, in <paramref name="defaultDescending"/>'s direction, is the default.</summary>
    public ListSorts<TSource, TRow> Column<TKey, TId>(
        string column,
        Expression<Func<TSource, TKey>> key,
        Expression<Func<TSource, TId>> id,
        Func<TRow, TKey> rowKey,
        Func<TRow, TId> rowId,
        bool defaultDescending = false)
        where TKey : notnull
        where TId : notnull
    {
        var ascending = new ListSort<TSource, TRow, TKey, TId>(column, key, id, descending: false, rowKey, rowId);
        var descending = new ListSort<TSource, TRow, TKey, TId>(column, key, id, descending: true, rowKey, rowId);
        _byName[ascending.Name] = ascending;
        _byName[descending.Name] = descending;
        _columns.Add(column);
        Default ??= defaultDescending ? descending : ascending;
        return this;
    }

    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The sort the URL names, or the default.</summary>
    public IListSort<TSource, TRow> Resolve(string? sort) =>
        sort is not null && _byName.TryGetValue(sort, out var chosen) ? chosen : Default;

    /// <summary>
    /// A column's header: a link to <paramref name="url"/> of the <c>sort</c> it asks for (the other direction when
    /// it is the current column, else ascending), and its aria-sort.
    /// </summary>
    public SortHeader Header(string label, string column, IListSort<TSource, TRow> current, Func<string, string> url) =>
        new(label, url(current.Column == column && !current.Descending ? "-" + column : column),
            current.Column == column ? (current.Descending ? "descending" : "ascending") : null);
}

/// <summary>The state of a sortable header for the shared _SortHeader partial: the label, its link, and aria-sort.</summary>
public sealed record SortHeader(string Label, string Url, string? AriaSort);

/// <summary>A filtered list's CSV export: the whole list in the chosen order, at most <see cref="MaxRows"/> rows, in one command.</summary>
public static class ListExport
{
    /// <summary>The most rows an export holds (the first rows in the chosen order; a narrower filter gets the rest).</summary>
    public const int MaxRows = 50_000;

    public static async Task<IReadOnlyList<TRow>> RowsAsync<TSource, TRow>(IQueryable<TSource> query, IListSort<TSource, TRow> sort, Expression<Func<TSource, TRow>> select, CancellationToken cancellationToken) =>
        await sort.Apply(query).Select(select).Take(MaxRows).ToListAsync(cancellationToken);
}
