namespace OpenCts.Screening.Matching;

/// <summary>Folds accented Latin letters (Latin-1, Latin Extended-A and -B, Latin Extended Additional) to plain lower-case ASCII letters.</summary>
/// <remarks>
/// A table, not Unicode decomposition: the build runs with invariant globalization, where <c>string.Normalize</c> cannot be relied on,
/// and a lookup keeps the screening hot path free of allocations. The tables were generated from the Unicode decompositions of each letter.
/// </remarks>
internal static class AccentFolding
{
    private const int LatinStart = 0x00C0;
    private const int AdditionalStart = 0x1E00;

    // One '|'-separated item per code point; an empty item means the character is not a letter to keep.
    private static readonly string[] Latin = ("a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o"
        + "|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i"
        + "|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|l|n|n|n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s"
        + "|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s|||||||||||||||||||f||||||||||||||o|o|||||||||||||"
        + "|u|u|||||||||||||||||||||||||||||a|a|i|i|o|o|u|u|u|u|u|u|u|u|u|u||a|a|a|a|||||g|g|k|k|o|o|o|o|||j||||g|g|||n|n"
        + "|a|a|||||a|a|a|a|e|e|e|e|i|i|i|i|o|o|o|o|r|r|r|r|u|u|u|u|s|s|t|t|||h|h|||||||a|a|e|e|o|o|o|o|o|o|o|o|y|y||||||"
        + "||||||||||||||||||||||").Split('|');

    private static readonly string[] Additional = ("a|a|b|b|b|b|b|b|c|c|d|d|d|d|d|d|d|d|d|d|e|e|e|e|e|e|e|e|e|e|f|f|g|g|h|h|h|h|h|h|h|h|h|h|i|i|i|i|k|k|k|k|k|k|l|"
        + "l|l|l|l|l|l|l|m|m|m|m|m|m|n|n|n|n|n|n|n|n|o|o|o|o|o|o|o|o|p|p|p|p|r|r|r|r|r|r|r|r|s|s|s|s|s|s|s|s|s|s|t|t|t|t|"
        + "t|t|t|t|u|u|u|u|u|u|u|u|u|u|v|v|v|v|w|w|w|w|w|w|w|w|w|w|x|x|x|x|y|y|z|z|z|z|z|z|h|t|w|y|||||ss||a|a|a|a|a|a|a|"
        + "a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|e|e|e|e|e|e|e|e|e|e|e|e|e|e|e|e|i|i|i|i|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|"
        + "o|o|o|o|o|o|u|u|u|u|u|u|u|u|u|u|u|u|u|u|y|y|y|y|y|y|y|y||||||").Split('|');

    /// <summary>The plain lower-case letters for a character of the tables; null for characters outside them.</summary>
    public static string? Fold(char c)
    {
        var latin = c - LatinStart;
        if ((uint)latin < (uint)Latin.Length)
        {
            return Latin[latin];
        }
        var additional = c - AdditionalStart;
        return (uint)additional < (uint)Additional.Length ? Additional[additional] : null;
    }
}
