using System.Linq.Expressions;
using EpaPortal.Domain.Cases;

namespace EpaPortal.Web.Data;

/// <summary>
/// The domain's open work (<see cref="OpenWork"/>) in queries. The states are written into the SQL as
/// constants, not parameters: SQLite uses a partial index, and SQL Server a filtered one, only when the query
/// states the index's own filter (<see cref="CaseStateSql"/>). A query says <see cref="IsOpenState"/> or
/// <see cref="IsClosedState"/> and goes through <see cref="Inline{T}"/>, which writes the domain's list of
/// states in their place as an inline array (EF Core sends it as <c>IN ('Registered', ...)</c>, in compiled
/// queries too).
/// </summary>
public static class OpenWorkQueries
{
    public static IQueryable<EpaCase> WhereOpen(this IQueryable<EpaCase> cases) => cases.Where(OpenCase);

    public static IQueryable<EpaCase> WhereClosed(this IQueryable<EpaCase> cases) => cases.Where(ClosedCase);

    private static readonly Expression<Func<EpaCase, bool>> OpenCase = Inline<Func<EpaCase, bool>>(c => IsOpenState(c.State));

    private static readonly Expression<Func<EpaCase, bool>> ClosedCase = Inline<Func<EpaCase, bool>>(c => IsClosedState(c.State));

    /// <summary>In a query passed to <see cref="Inline{T}"/>: the state is one of open work.</summary>
    public static bool IsOpenState(CaseState state) => OpenWork.IsOpen(state);

    /// <summary>In a query passed to <see cref="Inline{T}"/>: the state is one of a closed case.</summary>
    public static bool IsClosedState(CaseState state) => OpenWork.IsClosed(state);

    /// <summary>The query with every <see cref="IsOpenState"/> and <see cref="IsClosedState"/> replaced by the inline list of states.</summary>
    public static Expression<T> Inline<T>(Expression<T> query) => (Expression<T>)new StateListInliner().Visit(query);

    private sealed class StateListInliner : ExpressionVisitor
    {
        private static readonly System.Reflection.MethodInfo Contains =
            typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(CaseState));

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var states = node.Method.DeclaringType == typeof(OpenWorkQueries) ? node.Method.Name switch
            {
                nameof(IsOpenState) => OpenWork.OpenStates,
                nameof(IsClosedState) => OpenWork.ClosedStates,
                _ => null,
            } : null;
            if (states is null)
            {
                return base.VisitMethodCall(node);
            }

            var list = Expression.NewArrayInit(typeof(CaseState), states.Select(s => Expression.Constant(s)));
            return Expression.Call(Contains, list, Visit(node.Arguments[0]));
        }
    }
}

/// <summary>The filter of an index on case states, as the provider writes <c>State IN (...)</c> for a query.</summary>
public static class CaseStateSql
{
    public static string In(IEnumerable<CaseState> states, bool sqlServer) => sqlServer
        ? $"[State] IN ({string.Join(", ", states.Select(s => $"N'{s}'"))})"
        : $"\"State\" IN ({string.Join(", ", states.Select(s => $"'{s}'"))})";
}
