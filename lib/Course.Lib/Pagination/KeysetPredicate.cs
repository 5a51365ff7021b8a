using System.Linq.Expressions;

namespace Course.Pagination;

/// <summary>Builds the keyset condition as an expression tree, so that the provider translates it to SQL.</summary>
internal static class KeysetPredicate
{
    private static readonly System.Reflection.MethodInfo StringCompare =
        typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <summary>
    /// Walking forward: <c>key &gt;= k AND (key &gt; k OR id &gt; i)</c>; backward: <c>key &lt;= k AND (key &lt; k OR id &lt; i)</c>.
    /// The leading range on the key alone lets SQLite SEARCH the (key, id) index instead of scanning it from the start.
    /// </summary>
    public static Expression<Func<T, bool>> After<T, TKey>(
        Expression<Func<T, TKey>> key, Expression<Func<T, long>> id, KeysetPosition<TKey> position, bool forward)
    {
        var row = key.Parameters[0];
        var keyBody = key.Body;
        var idBody = new ReplaceParameter(id.Parameters[0], row).Visit(id.Body);
        // Values read from a captured object become SQL parameters (one cached plan), not literals.
        var k = Expression.Property(Expression.Constant(new Boxed<TKey>(position.Key)), nameof(Boxed<TKey>.Value));
        var i = Expression.Property(Expression.Constant(new Boxed<long>(position.Id)), nameof(Boxed<long>.Value));

        var range = forward ? Compare(keyBody, k, ExpressionType.GreaterThanOrEqual) : Compare(keyBody, k, ExpressionType.LessThanOrEqual);
        var beyondKey = forward ? Compare(keyBody, k, ExpressionType.GreaterThan) : Compare(keyBody, k, ExpressionType.LessThan);
        var beyondId = forward ? Expression.GreaterThan(idBody, i) : Expression.LessThan(idBody, i);
        var body = Expression.AndAlso(range, Expression.OrElse(beyondKey, beyondId));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private static BinaryExpression Compare(Expression left, Expression right, ExpressionType comparison)
    {
        if (left.Type == typeof(string))
        {
            left = Expression.Call(StringCompare, left, right);
            right = Expression.Constant(0);
        }
        return Expression.MakeBinary(comparison, left, right);
    }

    private sealed class Boxed<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
