using System.Collections.Frozen;

namespace OpenCts.Targeting.Profiles.Syntax;

/// <summary>The words the grammar gives a meaning to; they cannot name a field.</summary>
public static class ProfileKeywords
{
    public static FrozenSet<string> All { get; } = new[]
    {
        "and", "or", "not", "in", "between", "startsWith", "endsWith", "contains", "matches",
        "any", "all", "count", "true", "false", "null",
    }.ToFrozenSet(StringComparer.Ordinal);
}
