using System.Linq.Expressions;

namespace OpenCts.Targeting.Profiles.Fields;

/// <summary>Inlines a lambda's body with its parameters bound to other expressions.</summary>
internal sealed class ParameterReplacer(IReadOnlyDictionary<ParameterExpression, Expression> map) : ExpressionVisitor
{
    public static Expression Inline(LambdaExpression lambda, params Expression[] arguments)
    {
        var map = new Dictionary<ParameterExpression, Expression>();
        for (var i = 0; i < lambda.Parameters.Count; i++)
        {
            map[lambda.Parameters[i]] = arguments[i];
        }
        return new ParameterReplacer(map).Visit(lambda.Body);
    }

    protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var e) ? e : node;
}
