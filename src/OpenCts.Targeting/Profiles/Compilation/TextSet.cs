using System.Collections.Frozen;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>A constant set of texts (a list literal or a named reference list), compared without regard to case.</summary>
/// <remarks>Prefix and suffix tests look up each length the set holds, so <c>startsWith list("...")</c> costs a few hash lookups, not a scan.</remarks>
public sealed class TextSet
{
    private readonly FrozenSet<string> _items;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int[] _lengths;

    public TextSet(IEnumerable<string> items)
    {
        _items = items.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _lookup = _items.GetAlternateLookup<ReadOnlySpan<char>>();
        _lengths = [.. _items.Select(i => i.Length).Distinct().Order()];
    }

    public IReadOnlyCollection<string> Items => _items;

    public int Count => _items.Count;

    public bool Contains(string? text) => text is not null && _items.Contains(text);

    /// <summary>True when the text starts with one of the set's items.</summary>
    public bool HasPrefixOf(string? text)
    {
        if (text is null)
        {
            return false;
        }
        foreach (var length in _lengths)
        {
            if (length > text.Length)
            {
                break;
            }
            if (_lookup.Contains(text.AsSpan(0, length)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the text ends with one of the set's items.</summary>
    public bool HasSuffixOf(string? text)
    {
        if (text is null)
        {
            return false;
        }
        foreach (var length in _lengths)
        {
            if (length > text.Length)
            {
                break;
            }
            if (_lookup.Contains(text.AsSpan(text.Length - length)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when one of the set's items occurs in the text.</summary>
    public bool OccursIn(string? text)
    {
        if (text is null)
        {
            return false;
        }
        foreach (var item in _items)
        {
            if (text.Contains(item, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
