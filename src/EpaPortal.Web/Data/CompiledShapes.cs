using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace EpaPortal.Web.Data;

/// <summary>
/// Builds compiled queries that share one shape: the shape is written once as a lambda over the context and
/// the cases (or other rows) it starts from, and each compiled query gives it its own start (by id, by user,
/// tracked or not). So two loaders never have to be kept identical by hand.
/// </summary>
public static class CompiledShapes
{
    /// <summary>
    /// Compiles <paramref name="shape"/> applied to the rows <paramref name="start"/> selects for a key:
    /// <c>(db, key) =&gt; shape(db, start(db, key))</c>.
    /// </summary>
    public static Func<PortalDbContext, TKey, CancellationToken, Task<TResult>> Compile<TRow, TKey, TResult>(
        Expression<Func<PortalDbContext, IQueryable<TRow>, TResult>> shape,
        Expression<Func<PortalDbContext, TKey, IQueryable<TRow>>> start)
    {
        var db = start.Parameters[0];
        var key = start.Parameters[1];
        var cancellation = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        var body = new Substitution(new Dictionary<ParameterExpression, Expression>
        {
            [shape.Parameters[0]] = db,
            [shape.Parameters[1]] = start.Body,
        }).Visit(shape.Body);
        return EF.CompileAsyncQuery(Expression.Lambda<Func<PortalDbContext, TKey, CancellationToken, TResult>>(body, db, key, cancellation));
    }

    /// <summary>
    /// The same for a shape that also reads the key: <c>(db, key) =&gt; shape(db, start(db, key), key)</c>. A shape
    /// that takes "the first of" a case's rows filters them by the key too: SQLite narrows EF Core's window
    /// function to the one case (through the CaseId indexes) only when the filter is inside it.
    /// </summary>
    public static Func<PortalDbContext, TKey, CancellationToken, Task<TResult>> Compile<TRow, TKey, TResult>(
        Expression<Func<PortalDbContext, IQueryable<TRow>, TKey, TResult>> shape,
        Expression<Func<PortalDbContext, TKey, IQueryable<TRow>>> start)
    {
        var db = start.Parameters[0];
        var key = start.Parameters[1];
        var cancellation = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        var body = new Substitution(new Dictionary<ParameterExpression, Expression>
        {
            [shape.Parameters[0]] = db,
            [shape.Parameters[1]] = start.Body,
            [shape.Parameters[2]] = key,
        }).Visit(shape.Body);
        return EF.CompileAsyncQuery(Expression.Lambda<Func<PortalDbContext, TKey, CancellationToken, TResult>>(body, db, key, cancellation));
    }

    private sealed class Substitution(IReadOnlyDictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : base.VisitParameter(node);
    }
}
