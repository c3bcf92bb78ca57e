using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Splits an EDIFACT interchange into segments, data elements and components, over the bytes as received.</summary>
/// <remarks>
/// Tokenizing only: it knows the syntax (UNA, separators, release character) and nothing of any message. It keeps one
/// segment at a time as offsets into the input, so reading allocates only for the values a caller asks for.
/// Line breaks and indentation between segments are skipped; line breaks inside a segment (senders that wrap lines at a
/// fixed width) are dropped from values, even right after a release character, which then releases the byte after them.
/// </remarks>
public sealed class EdifactTokenizer
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly byte[]? _array;
    private readonly int _arrayOffset;
    private readonly int _maxComponents;
    private int _position;
    private int[] _componentStart = new int[64];
    private int[] _componentEnd = new int[64];
    private bool[] _componentDirty = new bool[64];
    private int[] _elementFirst = new int[32];
    private int[] _elementCount = new int[32];
    private readonly byte[] _joinBuffer = new byte[512];

    /// <param name="data">The whole interchange.</param>
    /// <param name="maxComponents">The most components one segment may have before it is reported as broken.</param>
    public EdifactTokenizer(ReadOnlyMemory<byte> data, int maxComponents = 4096)
    {
        _data = data;
        // Values are sliced from the array itself when there is one, which is cheaper than going through the memory each time.
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment))
        {
            _array = segment.Array;
            _arrayOffset = segment.Offset;
        }
        _maxComponents = maxComponents;
        var span = data.Span;
        var start = 0;
        if (span.StartsWith("\uFEFF"u8))
        {
            start = 3;
        }
        while (start < span.Length && IsWhitespace(span[start]))
        {
            start++;
        }
        Delimiters = EdifactDelimiters.Default;
        if (span[start..].StartsWith("UNA"u8))
        {
            ServiceStringAdviceStart = start;
            var advice = EdifactDelimiters.FromServiceStringAdvice(span[(start + 3)..]);
            if (advice is null)
            {
                ServiceStringAdviceProblem = "UNA must be followed by six service characters: component separator, element separator, decimal mark, release character, a space and the segment terminator, all different";
            }
            else
            {
                Delimiters = advice.Value;
            }
            start = Math.Min(span.Length, start + 9);
            ServiceStringAdviceEnd = start;
        }
        _position = start;
        var d = Delimiters;
        _component = Vector256.Create(d.Component);
        _element = Vector256.Create(d.Element);
        _terminator = Vector256.Create(d.Terminator);
        // Without a release character, the line feed stands in for it: it is looked for anyway.
        _release = Vector256.Create(d.HasRelease ? d.Release : (byte)'\n');
        _isSpecial = new bool[256];
        _isSpecial[d.Component] = _isSpecial[d.Element] = _isSpecial[d.Terminator] = _isSpecial['\r'] = _isSpecial['\n'] = true;
        if (d.HasRelease)
        {
            _isSpecial[d.Release] = true;
        }
    }

    private readonly Vector256<byte> _component;
    private readonly Vector256<byte> _element;
    private readonly Vector256<byte> _terminator;
    private readonly Vector256<byte> _release;
    private readonly bool[] _isSpecial;

    /// <summary>The delimiters in force.</summary>
    public EdifactDelimiters Delimiters { get; }

    /// <summary>Where the UNA starts, or -1 without one.</summary>
    public int ServiceStringAdviceStart { get; } = -1;

    /// <summary>Just after the UNA's six service characters.</summary>
    public int ServiceStringAdviceEnd { get; }

    /// <summary>What is wrong with the UNA, or null.</summary>
    public string? ServiceStringAdviceProblem { get; }

    /// <summary>The whole input.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <summary>Offset of the current segment's first byte (its tag).</summary>
    public int SegmentStart { get; private set; }

    /// <summary>Offset just after the current segment's terminator.</summary>
    public int SegmentEnd { get; private set; }

    /// <summary>The current segment's tag, such as <c>LOC</c>.</summary>
    public string Tag { get; private set; } = "";

    /// <summary>Why the current segment is malformed (no terminator, bad tag, too many components), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Data elements in the current segment, counting the tag as element 0.</summary>
    public int ElementCount { get; private set; }

    /// <summary>The bytes of the current segment, terminator included.</summary>
    public ReadOnlySpan<byte> RawSegment => _data.Span[SegmentStart..SegmentEnd];

    /// <summary>Moves to the next segment; false at the end of the input.</summary>
    public bool MoveNext()
    {
        var span = _data.Span;
        var i = _position;
        while (i < span.Length && IsWhitespace(span[i]))
        {
            i++;
        }
        if (i >= span.Length)
        {
            _position = i;
            return false;
        }
        var d = Delimiters;
        SegmentStart = i;
        Problem = null;
        var components = 0;
        var elements = 0;
        var componentStart = i;
        var dirty = false;
        var terminated = false;
        while (true)
        {
            i = NextSpecial(span, i);
            if (i < 0)
            {
                i = span.Length;
                break;
            }
            var b = span[i];
            if (b == d.Terminator)
            {
                terminated = true;
                break;
            }
            if (b == d.Release && d.HasRelease)
            {
                dirty = true;
                i = AfterLineBreaks(span, i + 1);
                if (i >= span.Length)
                {
                    Problem ??= "the release character ends the input; it must be followed by the character it releases";
                    break;
                }
                i++;
                continue;
            }
            if (b is (byte)'\r' or (byte)'\n')
            {
                dirty = true;
                i++;
                continue;
            }
            AddComponent(ref components, componentStart, i, dirty);
            dirty = false;
            if (b == d.Element)
            {
                CloseElement(ref elements, components);
            }
            i++;
            componentStart = i;
        }
        AddComponent(ref components, componentStart, i, dirty);
        CloseElement(ref elements, components);
        ElementCount = elements;
        SegmentEnd = terminated ? i + 1 : i;
        _position = SegmentEnd;
        if (!terminated)
        {
            Problem ??= $"the segment is not ended by the segment terminator '{(char)d.Terminator}' before the end of the input";
        }
        if (components > _maxComponents)
        {
            Problem ??= $"the segment has {components:N0} components; at most {_maxComponents:N0} are read";
            ElementCount = Math.Min(ElementCount, 1);
        }
        if (ElementCount == 0)
        {
            Tag = "";
            Problem ??= "the segment has no tag";
            return true;
        }
        var tag = ComponentSpan(0);
        Tag = KnownTags.Of(tag, _componentDirty[0]);
        if (!IsTag(tag, _componentDirty[0]) || _elementCount[0] > 1)
        {
            Problem ??= $"'{Truncate(Tag)}' is not a segment tag (three upper-case letters or digits)";
        }
        return true;
    }

    /// <summary>The offset of the first separator, terminator, release character or line break at or after <paramref name="from"/>; -1 when there is none.</summary>
    /// <remarks>
    /// Components are a few bytes long, so a search per component spends more on starting than on searching. Instead the
    /// positions of all such bytes in 64 bytes at a time are found at once, as one bit each, and handed out one by one.
    /// </remarks>
    private int NextSpecial(ReadOnlySpan<byte> span, int from)
    {
        while (true)
        {
            var offset = from - _chunkStart;
            if ((uint)offset < 64)
            {
                var mask = _chunkMask & (ulong.MaxValue << offset);
                if (mask != 0)
                {
                    return _chunkStart + BitOperations.TrailingZeroCount(mask);
                }
                from = _chunkStart + 64;
            }
            if (from >= span.Length)
            {
                return -1;
            }
            _chunkStart = from;
            _chunkMask = SpecialMask(span[from..]);
        }
    }

    /// <summary>Where the chunk of <see cref="_chunkMask"/> starts.</summary>
    private int _chunkStart = int.MinValue / 2;

    /// <summary>One bit for each special byte among the 64 from <see cref="_chunkStart"/> (or fewer, at the end of the input).</summary>
    private ulong _chunkMask;

    private ulong SpecialMask(ReadOnlySpan<byte> bytes)
    {
        if (Vector256.IsHardwareAccelerated && bytes.Length >= 64)
        {
            var low = Vector256.Create<byte>(bytes);
            var high = Vector256.Create<byte>(bytes[32..]);
            return Special(low) | (ulong)Special(high) << 32;
        }
        var mask = 0UL;
        var n = Math.Min(64, bytes.Length);
        for (var k = 0; k < n; k++)
        {
            if (_isSpecial[bytes[k]])
            {
                mask |= 1UL << k;
            }
        }
        return mask;
    }

    private uint Special(Vector256<byte> v)
    {
        var found = Vector256.Equals(v, _component) | Vector256.Equals(v, _element) | Vector256.Equals(v, _terminator) |
            Vector256.Equals(v, _release) | Vector256.Equals(v, Vector256.Create((byte)'\r')) | Vector256.Equals(v, Vector256.Create((byte)'\n'));
        return found.ExtractMostSignificantBits();
    }

    /// <summary>The number of components of a data element (0 when absent).</summary>
    public int ComponentCount(int element) => element < ElementCount ? _elementCount[element] : 0;

    /// <summary>The raw bytes of a component (1-based), without unescaping; empty when absent.</summary>
    public ReadOnlySpan<byte> Span(int element, int component = 1)
    {
        var index = IndexOf(element, component);
        return index < 0 ? default : ComponentSpan(index);
    }

    /// <summary>True when the component is present and not empty.</summary>
    public bool Has(int element, int component = 1) => !Span(element, component).IsEmpty;

    /// <summary>A component's text with release characters and line breaks removed; null when absent or empty.</summary>
    public string? Text(int element, int component = 1)
    {
        var index = IndexOf(element, component);
        if (index < 0)
        {
            return null;
        }
        var raw = ComponentSpan(index);
        if (raw.IsEmpty)
        {
            return null;
        }
        if (!_componentDirty[index])
        {
            return Decode(raw);
        }
        var buffer = raw.Length <= 512 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        var n = Unescape(raw, buffer, Delimiters);
        return n == 0 ? null : Decode(buffer[..n]);
    }

    /// <summary>Like <see cref="Text"/>, but a short ASCII value is the same string each time it comes back (see <see cref="RepeatedText"/>).</summary>
    internal string? Shared(int element, int component = 1)
    {
        var index = IndexOf(element, component);
        if (index < 0)
        {
            return null;
        }
        var raw = ComponentSpan(index);
        if (raw.IsEmpty)
        {
            return null;
        }
        if (raw.Length > RepeatedText.MaxLength)
        {
            return Text(element, component);
        }
        if (!_componentDirty[index])
        {
            return Ascii.IsValid(raw) ? RepeatedText.Of(raw) : Decode(raw);
        }
        Span<byte> buffer = stackalloc byte[RepeatedText.MaxLength];
        var n = Unescape(raw, buffer, Delimiters);
        if (n == 0)
        {
            return null;
        }
        var value = buffer[..n];
        return Ascii.IsValid(value) ? RepeatedText.Of(value) : Decode(value);
    }

    /// <summary>The raw bytes of a component that needs no unescaping; empty when absent, empty, or holding release characters or line breaks.</summary>
    internal ReadOnlySpan<byte> Plain(int element, int component = 1)
    {
        var index = IndexOf(element, component);
        return index < 0 || _componentDirty[index] ? default : ComponentSpan(index);
    }

    /// <summary>
    /// The components <paramref name="first"/> to <paramref name="last"/> of an element, each trimmed, the non-empty ones
    /// joined by one space (null when all are empty), as a shared string; false when a component is not printable ASCII,
    /// or the whole is too long, for the caller to join the texts itself.
    /// </summary>
    internal bool TryJoinShared(int element, int first, int last, out string? joined)
    {
        joined = null;
        if (TrySingleShared(element, first, last, out var single))
        {
            joined = single;
            return true;
        }
        // A field rather than stackalloc: a stack buffer is cleared on every call, and this runs for every name and street.
        Span<byte> buffer = _joinBuffer;
        var length = 0;
        for (var c = first; c <= last; c++)
        {
            var index = IndexOf(element, c);
            if (index < 0)
            {
                continue;
            }
            var raw = ComponentSpan(index);
            if (raw.IsEmpty)
            {
                continue;
            }
            var at = length == 0 ? 0 : length + 1;
            if (raw.Length > buffer.Length - at)
            {
                return false;
            }
            var part = buffer.Slice(at, raw.Length);
            var n = raw.Length;
            if (_componentDirty[index])
            {
                n = Unescape(raw, part, Delimiters);
            }
            else
            {
                raw.CopyTo(part);
            }
            part = part[..n];
            // Only the space needs trimming among printable ASCII, the only bytes taken here.
            if (part.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E))
            {
                return false;
            }
            var trimmed = part.Trim((byte)' ');
            if (trimmed.IsEmpty)
            {
                continue;
            }
            if (length > 0)
            {
                buffer[length++] = (byte)' ';
            }
            trimmed.CopyTo(buffer[length..]);
            length += trimmed.Length;
        }
        if (length > 0)
        {
            var value = buffer[..length];
            joined = length <= RepeatedText.MaxLength ? RepeatedText.Of(value) : Encoding.ASCII.GetString(value);
        }
        return true;
    }

    /// <summary>
    /// The usual case of <see cref="TryJoinShared"/>: one component of the range holds the whole value, as printable
    /// ASCII with nothing to trim and nothing to unescape, and is taken as it is; false for any other case.
    /// </summary>
    private bool TrySingleShared(int element, int first, int last, out string? value)
    {
        value = null;
        var only = -1;
        for (var c = first; c <= last; c++)
        {
            var index = IndexOf(element, c);
            if (index >= 0 && _componentEnd[index] > _componentStart[index])
            {
                if (only >= 0)
                {
                    return false;
                }
                only = index;
            }
        }
        if (only < 0 || _componentDirty[only])
        {
            return false;
        }
        var raw = ComponentSpan(only);
        if (raw.Length > RepeatedText.MaxLength || raw[0] == (byte)' ' || raw[^1] == (byte)' ' || raw.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E))
        {
            return false;
        }
        value = RepeatedText.Of(raw);
        return true;
    }

    /// <summary>Like <see cref="Text"/>, but codes of up to three plain characters (qualifiers, units, currencies) come from a cache instead of being allocated.</summary>
    public string? Code(int element, int component = 1)
    {
        var index = IndexOf(element, component);
        if (index < 0)
        {
            return null;
        }
        var raw = ComponentSpan(index);
        if (raw.IsEmpty || raw.Length > 3 || _componentDirty[index] || !Ascii.IsValid(raw))
        {
            return Text(element, component);
        }
        var key = raw.Length << 24 | raw[0] << 16 | (raw.Length > 1 ? raw[1] << 8 : 0) | (raw.Length > 2 ? raw[2] : 0);
        var slot = (int)((uint)(key * -1640531535) >> 20);
        var cached = CodeCache[slot];
        if (cached is not null && cached.Key == key)
        {
            return cached.Value;
        }
        var value = Encoding.ASCII.GetString(raw);
        // A race only costs an extra string: entries are immutable and replaced whole.
        CodeCache[slot] = new CachedCode(key, value);
        return value;
    }

    private sealed record CachedCode(int Key, string Value);

    private static readonly CachedCode?[] CodeCache = new CachedCode?[4096];

    /// <summary>True when a component equals an ASCII code, such as a qualifier.</summary>
    public bool Is(int element, int component, ReadOnlySpan<byte> code) => Span(element, component).SequenceEqual(code);

    /// <summary>The 1-based line of an offset, for error messages.</summary>
    /// <remarks>
    /// Counted from the offset asked last, not from the start: places are asked for in file order, give or take a
    /// message, so a file of many broken segments or messages costs one pass over its line breaks rather than one per issue.
    /// </remarks>
    public int LineOf(int offset)
    {
        offset = Math.Clamp(offset, 0, _data.Length);
        var span = _data.Span;
        _lineNumber += offset >= _lineOffset
            ? span[_lineOffset..offset].Count((byte)'\n')
            : -span[offset.._lineOffset].Count((byte)'\n');
        _lineOffset = offset;
        return _lineNumber;
    }

    private int _lineOffset;
    private int _lineNumber = 1;

    /// <summary>Values are read as UTF-8 when they are valid UTF-8 and as Latin-1 otherwise.</summary>
    /// <remarks>Senders often declare UNOC (Latin-1) and send UTF-8; valid UTF-8 is almost never meant as Latin-1.</remarks>
    private static string Decode(ReadOnlySpan<byte> bytes) =>
        Ascii.IsValid(bytes) ? Encoding.ASCII.GetString(bytes)
        : System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes)
        : Encoding.Latin1.GetString(bytes);

    private static int Unescape(ReadOnlySpan<byte> raw, Span<byte> buffer, EdifactDelimiters d)
    {
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b is (byte)'\r' or (byte)'\n')
            {
                continue;
            }
            if (b == d.Release && d.HasRelease && AfterLineBreaks(raw, i + 1) is var released && released < raw.Length)
            {
                i = released;
                b = raw[i];
            }
            buffer[n++] = b;
        }
        return n;
    }

    /// <summary>The first offset from <paramref name="i"/> that is not a line break.</summary>
    /// <remarks>
    /// Line breaks are never data (the writer turns them into spaces), so a release character releases the next byte
    /// that is not one: a sender that wraps its lines right after a release character still means the separator after the wrap.
    /// </remarks>
    private static int AfterLineBreaks(ReadOnlySpan<byte> span, int i)
    {
        while (i < span.Length && span[i] is (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        return i;
    }

    private int IndexOf(int element, int component)
    {
        if (element < 0 || element >= ElementCount || component < 1 || component > _elementCount[element])
        {
            return -1;
        }
        return _elementFirst[element] + component - 1;
    }

    private ReadOnlySpan<byte> ComponentSpan(int index)
    {
        var start = _componentStart[index];
        var length = _componentEnd[index] - start;
        return _array is not null ? new ReadOnlySpan<byte>(_array, _arrayOffset + start, length) : _data.Span.Slice(start, length);
    }

    private void AddComponent(ref int components, int start, int end, bool dirty)
    {
        if (components >= _maxComponents)
        {
            components++;
            return;
        }
        if (components == _componentStart.Length)
        {
            Array.Resize(ref _componentStart, components * 2);
            Array.Resize(ref _componentEnd, components * 2);
            Array.Resize(ref _componentDirty, components * 2);
        }
        _componentStart[components] = start;
        _componentEnd[components] = end;
        _componentDirty[components] = dirty;
        components++;
    }

    private void CloseElement(ref int elements, int components)
    {
        if (components > _maxComponents)
        {
            return;
        }
        if (elements == _elementFirst.Length)
        {
            Array.Resize(ref _elementFirst, elements * 2);
            Array.Resize(ref _elementCount, elements * 2);
        }
        var first = elements == 0 ? 0 : _elementFirst[elements - 1] + _elementCount[elements - 1];
        _elementFirst[elements] = first;
        _elementCount[elements] = components - first;
        elements++;
    }

    private static bool IsTag(ReadOnlySpan<byte> tag, bool dirty)
    {
        if (dirty || tag.Length != 3)
        {
            return false;
        }
        foreach (var b in tag)
        {
            if (b is not (>= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'))
            {
                return false;
            }
        }
        return true;
    }

    private static string Truncate(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
