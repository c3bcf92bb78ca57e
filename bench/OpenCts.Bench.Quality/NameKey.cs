using OpenCts.Screening.Matching;

namespace OpenCts.Bench.Quality;

/// <summary>A name as the screening index sees it: its normalised tokens, sorted.</summary>
/// <remarks>
/// The index scores a name as a set of tokens, so two names with the same sorted tokens are the same name to it,
/// whatever their word order, accents, punctuation or legal form.
/// </remarks>
internal static class NameKey
{
    public static string Of(string name)
    {
        var tokens = NameNormaliser.Tokens(name);
        Array.Sort(tokens, StringComparer.Ordinal);
        return string.Join(' ', tokens);
    }
}
