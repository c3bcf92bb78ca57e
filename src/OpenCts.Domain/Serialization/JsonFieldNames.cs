using System.Text;

namespace OpenCts.Domain.Serialization;

/// <summary>The names an object's fields may have, made once per kind of object: <see cref="JsonFields"/> then finds
/// each field by its place among them, in one pass over the object.</summary>
/// <remarks>
/// Given the names as a span instead, every field asked for is searched in the object again, its name transcoded to
/// UTF-8 for each comparison: reading a million consignments spent a tenth of the intake's processor time there.
/// </remarks>
public sealed class JsonFieldNames
{
    /// <summary>The most names a set may hold: one bit each in a mask, and one value each in an object's fields.</summary>
    public const int Most = 16;

    private readonly string[] _names;
    private readonly byte[][] _utf8;

    /// <exception cref="ArgumentException">More than <see cref="Most"/> names, a name twice, or a name that is not ASCII.</exception>
    public JsonFieldNames(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Length > Most)
        {
            throw new ArgumentException($"at most {Most} field names, not {names.Length}", nameof(names));
        }
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length || !names.All(n => n.Length > 0 && Ascii.IsValid(n)))
        {
            throw new ArgumentException("field names must be distinct, non-empty ASCII", nameof(names));
        }
        _names = names;
        _utf8 = [.. names.Select(Encoding.ASCII.GetBytes)];
    }

    /// <summary>The names, in their order.</summary>
    public ReadOnlySpan<string> Names => _names;

    /// <summary>The place of a name the reader asks for: the same string object as given (a literal) is found first.</summary>
    internal int IndexOf(string name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (ReferenceEquals(_names[i], name))
            {
                return i;
            }
        }
        return Array.IndexOf(_names, name);
    }

    /// <summary>The place of a field whose name is written without escapes, from its bytes; -1 when none has it.</summary>
    internal int IndexOfUtf8(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (name.SequenceEqual(_utf8[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
