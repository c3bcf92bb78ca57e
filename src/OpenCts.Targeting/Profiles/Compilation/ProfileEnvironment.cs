namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>What criteria are compiled against: the named reference lists and the regular-expression timeout.</summary>
/// <remarks>Lists are resolved at compile time and held by the delegates, so a changed list means a recompiled profile set.</remarks>
public sealed class ProfileEnvironment
{
    private readonly Dictionary<string, TextSet>? _lists;

    /// <param name="lists">The reference lists by name; null to accept any name (checking a profile without its lists).</param>
    /// <param name="regexTimeout">How long one <c>matches</c> may run on one value (default 100 ms).</param>
    public ProfileEnvironment(IReadOnlyDictionary<string, IReadOnlyCollection<string>>? lists = null, TimeSpan? regexTimeout = null)
    {
        _lists = lists?.ToDictionary(l => l.Key, l => new TextSet(l.Value), StringComparer.Ordinal);
        RegexTimeout = regexTimeout ?? TimeSpan.FromMilliseconds(100);
    }

    /// <summary>No lists known: any <c>list("name")</c> is accepted and is empty.</summary>
    public static ProfileEnvironment Unchecked { get; } = new();

    public TimeSpan RegexTimeout { get; }

    /// <summary>The names of the known lists, or null when any name is accepted.</summary>
    public IReadOnlyCollection<string>? ListNames => _lists?.Keys;

    /// <summary>The set of a list; false when the list is unknown (and names are checked).</summary>
    public bool TryGetList(string name, out TextSet set)
    {
        if (_lists is null)
        {
            set = new TextSet([]);
            return true;
        }
        return _lists.TryGetValue(name, out set!);
    }
}
