namespace OpenCts.Targeting.Profiles.Syntax;

/// <summary>Bounds how many operators deep a criteria tree may be.</summary>
/// <remarks>
/// The parser reads a chain (<c>a and b and c</c>) in a loop, so its nesting limit does not bound a chain's length; but the
/// binder, the printer and the expression compiler walk the tree recursively, one stack frame or more per level, and a
/// chain of a few thousand operands overflows a thread's stack, which no handler can catch and which ends the process.
/// The bound is checked without recursion, so it holds for any input, and is far above what an analyst writes: long
/// alternatives belong in a list (<c>goods.hs in [...]</c> or a named list), which adds no depth.
/// </remarks>
public static class SyntaxHeight
{
    /// <summary>The most operators deep a criteria tree may be, counting one level per operand of a chain.</summary>
    public const int Limit = 256;

    /// <summary>A node more than <see cref="Limit"/> levels below the root, or null when the tree is within the bound.</summary>
    public static ProfileExpr? FirstTooDeep(ProfileExpr root)
    {
        var pending = new Stack<(ProfileExpr Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > Limit)
            {
                return node;
            }
            foreach (var child in Children(node))
            {
                pending.Push((child, depth + 1));
            }
        }
        return null;
    }

    /// <summary>How many nodes the tree has, a written list counting as one (its values become one set), counted without recursion.</summary>
    public static int Size(ProfileExpr root)
    {
        var pending = new Stack<ProfileExpr>();
        pending.Push(root);
        var size = 0;
        while (pending.Count > 0)
        {
            size++;
            var node = pending.Pop();
            if (node is ListLiteral)
            {
                continue;
            }
            foreach (var child in Children(node))
            {
                pending.Push(child);
            }
        }
        return size;
    }

    private static IEnumerable<ProfileExpr> Children(ProfileExpr node) => node switch
    {
        Binary b => [b.Left, b.Right],
        Unary u => [u.Operand],
        Between b => [b.Value, b.Low, b.High],
        Quantifier q => [q.Condition],
        Call c => c.Arguments,
        ListLiteral l => l.Items,
        _ => [],
    };
}
