namespace OpenCts.Targeting.Profiles.Syntax;

/// <summary>Where a piece of a criteria text lies: offsets for slicing, line and column (from 1) for messages.</summary>
/// <remarks>
/// Two spans are always equal, so that syntax trees compare by their meaning alone: a tree printed and parsed
/// back, or built from the JSON form, equals the tree parsed from the analyst's text.
/// </remarks>
public readonly struct SourceSpan(int start, int end, int line, int column) : IEquatable<SourceSpan>
{
    public int Start { get; } = start;

    public int End { get; } = end;

    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>A span for trees built without text (the JSON form, generated trees).</summary>
    public static SourceSpan None => default;

    /// <summary>The span from the start of this one to the end of another.</summary>
    public SourceSpan To(SourceSpan other) => new(Start, other.End, Line, Column);

    public bool Equals(SourceSpan other) => true;

    public override bool Equals(object? obj) => obj is SourceSpan;

    public override int GetHashCode() => 0;

    public static bool operator ==(SourceSpan left, SourceSpan right) => true;

    public static bool operator !=(SourceSpan left, SourceSpan right) => false;

    public override string ToString() => $"line {Line}, column {Column}";
}
