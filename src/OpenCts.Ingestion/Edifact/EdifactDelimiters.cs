namespace OpenCts.Ingestion.Edifact;

/// <summary>The service characters of an EDIFACT interchange, as a UNA service string advice sets them or ISO 9735 defaults them.</summary>
/// <param name="Component">Component data element separator, <c>:</c> by default.</param>
/// <param name="Element">Data element separator, <c>+</c> by default.</param>
/// <param name="Decimal">Decimal mark, <c>.</c> by default; <c>,</c> is accepted in numbers either way.</param>
/// <param name="Release">Release character, <c>?</c> by default: the character after it is taken literally.</param>
/// <param name="Terminator">Segment terminator, <c>'</c> by default.</param>
public readonly record struct EdifactDelimiters(byte Component, byte Element, byte Decimal, byte Release, byte Terminator)
{
    /// <summary>The ISO 9735 defaults, used when an interchange has no UNA.</summary>
    public static EdifactDelimiters Default { get; } = new((byte)':', (byte)'+', (byte)'.', (byte)'?', (byte)'\'');

    /// <summary>Reads the six characters after <c>UNA</c>; null when they cannot be service characters.</summary>
    /// <remarks>A space as release character means the interchange has none, as ISO 9735 allows.</remarks>
    public static EdifactDelimiters? FromServiceStringAdvice(ReadOnlySpan<byte> sixCharacters)
    {
        if (sixCharacters.Length < 6)
        {
            return null;
        }
        var d = new EdifactDelimiters(sixCharacters[0], sixCharacters[1], sixCharacters[2], sixCharacters[3], sixCharacters[5]);
        // The separators and terminator must differ, or no segment could be split.
        if (d.Component == d.Element || d.Component == d.Terminator || d.Element == d.Terminator ||
            d.Release == d.Component || d.Release == d.Element || d.Release == d.Terminator ||
            IsLetterOrDigit(d.Component) || IsLetterOrDigit(d.Element) || IsLetterOrDigit(d.Terminator))
        {
            return null;
        }
        return d;
    }

    /// <summary>True when the interchange declares a release character (a space in UNA means none).</summary>
    public bool HasRelease => Release != (byte)' ';

    /// <summary>True when a byte must be preceded by the release character to be taken as text.</summary>
    public bool IsSpecial(byte b) => b == Component || b == Element || b == Terminator || (HasRelease && b == Release);

    /// <summary>The UNA segment that states these delimiters.</summary>
    public string ServiceStringAdvice => $"UNA{(char)Component}{(char)Element}{(char)Decimal}{(char)Release} {(char)Terminator}";

    private static bool IsLetterOrDigit(byte b) => b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9';
}
