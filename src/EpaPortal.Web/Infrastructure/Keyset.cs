using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace EpaPortal.Web.Infrastructure;

/// <summary>Which page of a keyset-paged list the URL asks for: the rows after a cursor, before one, or the first.</summary>
public sealed record PageRequest(string? After = null, string? Before = null)
{
    public static PageRequest First { get; } = new();

    public bool IsFirst => string.IsNullOrEmpty(After) && string.IsNullOrEmpty(Before);
}

/// <summary>The pager under a keyset-paged list: links to the first, previous and next pages (null: none).</summary>
public sealed record KeysetPager(string Label, string? FirstUrl, string? PreviousUrl, string? NextUrl);

/// <summary>
/// One page of a keyset-paged list: its rows, and the cursors of the pages either side (null: there is none).
/// <see cref="Problem"/> says why the first page is shown instead of the one asked for.
/// </summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? Previous, string? Next, string? Problem = null)
{
    public bool IsFirst => Previous is null;
}

/// <summary>
/// The order of a long list, paged by keyset ("seek") rather than by OFFSET: a sort key, then the row's id
/// as the tie-break, both in the same direction. A page is the rows after (or before) a cursor, the key and
/// id of the row at its edge, written in the URL; so page 40 costs what page 1 costs (an index seek and one
/// page of rows), and a link shows the same rows however many are added or removed elsewhere meanwhile.
/// Each order has a <see cref="Name"/> so that a list can later offer several (a <c>sort</c> in the URL, one
/// cursor format per order); an index must serve (key, id) in this order for the seek to be cheap.
/// </summary>
public sealed class KeysetOrder<TSource, TKey, TId>
    where TKey : notnull
    where TId : notnull
{
    private readonly Expression<Func<TSource, TKey>> _key;
    private readonly Expression<Func<TSource, TId>> _id;
    private readonly bool _keyIsId;

    /// <param name="name">The order's name in URLs.</param>
    /// <param name="key">The sort key (a column an index leads with, after any equality filter).</param>
    /// <param name="id">The row's unique id, the tie-break.</param>
    /// <param name="descending">Newest or largest first.</param>
    public KeysetOrder(string name, Expression<Func<TSource, TKey>> key, Expression<Func<TSource, TId>> id, bool descending)
    {
        Name = name;
        _key = key;
        _id = id;
        Descending = descending;
        _keyIsId = ExpressionEqualityComparer.Instance.Equals(key.Body, id.Body);
    }

    public string Name { get; }

    public bool Descending { get; }

    /// <summary>
    /// Reads the page <paramref name="request"/> asks for: at most <paramref name="size"/> rows of
    /// <paramref name="query"/> in this order, projected by <paramref name="select"/>, in one command (two
    /// when a cursor is not valid any more and the first page is read instead).
    /// </summary>
    public async Task<KeysetPage<TRow>> PageAsync<TRow>(
        IQueryable<TSource> query,
        PageRequest request,
        int size,
        Expression<Func<TSource, TRow>> select,
        Func<TRow, TKey> rowKey,
        Func<TRow, TId> rowId,
        CancellationToken cancellationToken)
    {
        string? problem = null;
        var backwards = false;
        (TKey Key, TId Id)? cursor = null;
        if (!request.IsFirst)
        {
            backwards = string.IsNullOrEmpty(request.After);
            cursor = Parse(backwards ? request.Before! : request.After!);
            if (cursor is null)
            {
                problem = "That page link is not valid any more: showing the first page.";
                backwards = false;
            }
        }

        var filtered = cursor is { } at ? query.Where(Beyond(at.Key, at.Id, towardsStart: backwards)) : query;
        var rows = await Ordered(filtered, reverse: backwards).Select(select).Take(size + 1).ToListAsync(cancellationToken);
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(size);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        if (rows.Count == 0)
        {
            // Past the end (the rows it followed were removed): the first page, unless this was it.
            return cursor is null
                ? new KeysetPage<TRow>(rows, null, null, problem)
                : await PageAsync(query, PageRequest.First, size, select, rowKey, rowId, cancellationToken);
        }

        // Forwards, the page has a previous one when it started after a cursor; backwards, when there was more.
        var hasPrevious = backwards ? more : cursor is not null;
        var hasNext = backwards || more;
        return new KeysetPage<TRow>(
            rows,
            hasPrevious ? Format(rowKey(rows[0]), rowId(rows[0])) : null,
            hasNext ? Format(rowKey(rows[^1]), rowId(rows[^1])) : null,
            problem);
    }

    /// <summary>The cursor of a row: its key and id as the URL carries them (just the id when the key is the id).</summary>
    public string Format(TKey key, TId id) =>
        _keyIsId ? KeyText<TId>.Format(id) : KeyText<TKey>.Format(key) + "~" + KeyText<TId>.Format(id);

    /// <summary>A cursor from the URL, or null when it is not one of this order's.</summary>
    public (TKey Key, TId Id)? Parse(string text)
    {
        if (text.Length > 400)
        {
            return null;
        }

        if (_keyIsId)
        {
            return KeyText<TId>.TryParse(text, out var only) && only is TKey key ? (key, only) : null;
        }

        var split = text.LastIndexOf('~');
        return split > 0 && KeyText<TKey>.TryParse(text[..split], out var k) && KeyText<TId>.TryParse(text[(split + 1)..], out var id)
            ? (k, id)
            : null;
    }

    /// <summary>The whole of <paramref name="query"/> in this order (a list's export).</summary>
    public IOrderedQueryable<TSource> Apply(IQueryable<TSource> query) => Ordered(query, reverse: false);

    private IOrderedQueryable<TSource> Ordered(IQueryable<TSource> query, bool reverse)
    {
        var descending = Descending != reverse;
        if (_keyIsId)
        {
            return descending ? query.OrderByDescending(_id) : query.OrderBy(_id);
        }

        return descending ? query.OrderByDescending(_key).ThenByDescending(_id) : query.OrderBy(_key).ThenBy(_id);
    }

    /// <summary>
    /// The rows past the cursor in list order (or before it, <paramref name="towardsStart"/>), written so that
    /// an index on (key, id) serves it as a range: key ≤ k AND (key &lt; k OR id &lt; i) for a descending list.
    /// </summary>
    private Expression<Func<TSource, bool>> Beyond(TKey key, TId id, bool towardsStart)
    {
        var parameter = _key.Parameters[0];
        var keyColumn = _key.Body;
        var idColumn = ReplacingExpressionVisitor.Replace(_id.Parameters[0], parameter, _id.Body);
        var keyValue = Parameterised(key);
        var idValue = Parameterised(id);
        var below = Descending != towardsStart;
        var strict = below ? ExpressionType.LessThan : ExpressionType.GreaterThan;
        var inclusive = below ? ExpressionType.LessThanOrEqual : ExpressionType.GreaterThanOrEqual;
        var idPast = Compare(idColumn, idValue, strict);
        if (_keyIsId)
        {
            return Expression.Lambda<Func<TSource, bool>>(idPast, parameter);
        }

        var body = Expression.AndAlso(
            Compare(keyColumn, keyValue, inclusive),
            Expression.OrElse(Compare(keyColumn, keyValue, strict), idPast));
        return Expression.Lambda<Func<TSource, bool>>(body, parameter);
    }

    private static BinaryExpression Compare(Expression column, Expression value, ExpressionType comparison)
    {
        if (column.Type == typeof(string))
        {
            // Strings have no < operator: string.Compare(column, value) < 0, which EF Core translates to SQL.
            var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, column, value);
            return Expression.MakeBinary(comparison, compare, Expression.Constant(0));
        }

        return Expression.MakeBinary(comparison, column, value);
    }

    /// <summary>A value EF Core sends as a SQL parameter (a member of a closure), not inlined as a constant.</summary>
    private static MemberExpression Parameterised<T>(T value) =>
        Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed record Box<T>(T Value);
}

/// <summary>How a cursor's parts are written in URLs: numbers as they are, instants as UTC ticks, dates as day numbers, text as it is.</summary>
internal static class KeyText<T>
{
    public static string Format(T value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset at => at.UtcTicks.ToString(CultureInfo.InvariantCulture),
        DateOnly day => day.DayNumber.ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => throw new NotSupportedException($"Keyset cursors of {typeof(T).Name} are not supported: add a format here."),
    };

    public static bool TryParse(string text, out T value)
    {
        object? parsed = null;
        if (typeof(T) == typeof(int) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
        {
            parsed = i;
        }
        else if (typeof(T) == typeof(long) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
        {
            parsed = l;
        }
        else if (typeof(T) == typeof(DateTimeOffset) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks)
        {
            parsed = new DateTimeOffset(ticks, TimeSpan.Zero);
        }
        else if (typeof(T) == typeof(DateOnly) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && day <= DateOnly.MaxValue.DayNumber)
        {
            parsed = DateOnly.FromDayNumber(day);
        }
        else if (typeof(T) == typeof(string))
        {
            parsed = text;
        }

        value = parsed is T typed ? typed : default!;
        return parsed is T;
    }
}
