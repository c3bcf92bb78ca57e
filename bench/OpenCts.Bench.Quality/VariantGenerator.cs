using System.Text;
using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Matching;

namespace OpenCts.Bench.Quality;

/// <summary>Makes seeded variants of listed names (word order, a dropped middle name, one typo, accents, an alias, a company form added or removed) to measure recall.</summary>
/// <remarks>
/// Listed "LAST, First" names of people are first put in reading order, as a trader would write them. A typo is one edit
/// (substitution, deletion, insertion or swap of neighbours) inside a word of at least five letters, never in its first letter.
/// </remarks>
public sealed class VariantGenerator(int seed)
{
    private static readonly string[] Forms = ["LTD", "LLC", "Ltd.", "Co., Ltd.", "GmbH", "S.A.", "Inc.", "Limited", "S.A. de C.V.", "FZE", "JSC", "PLC"];
    private static readonly HashSet<string> FormWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "LTD", "LTD.", "LLC", "INC", "INC.", "LIMITED", "CO", "CO.", "GMBH", "S.A.", "SA", "PLC", "JSC", "FZE", "CORP", "CORP.", "CORPORATION", "COMPANY", "C.V.",
    };

    private readonly Random _random = new(seed);

    /// <summary>
    /// Makes this many variants of randomly chosen entries, cycling through the kinds (kinds that do not apply to an entry are skipped for it),
    /// then drops those the index sees as the name they came from.
    /// </summary>
    /// <remarks>
    /// Most accent, word-order and company-form variants, and every alias (screened as listed), normalise to the very name they
    /// came from; they are dropped and counted rather than screened, so recall is measured only on names that differ.
    /// </remarks>
    public VariantSet Generate(IReadOnlyList<WatchlistEntry> entries, int count)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var kept = new List<NameVariant>(count);
        var dropped = new Dictionary<VariantKind, int>();
        foreach (var variant in Candidates(entries, count))
        {
            if (string.Equals(NameKey.Of(variant.Query), NameKey.Of(variant.From), StringComparison.Ordinal))
            {
                dropped[variant.Kind] = dropped.GetValueOrDefault(variant.Kind) + 1;
            }
            else
            {
                kept.Add(variant);
            }
        }
        return new VariantSet(kept, dropped);
    }

    private List<NameVariant> Candidates(IReadOnlyList<WatchlistEntry> entries, int count)
    {
        var kinds = Enum.GetValues<VariantKind>();
        var variants = new List<NameVariant>(count);
        var attempts = 0;
        while (variants.Count < count && attempts++ < count * 20 && entries.Count > 0)
        {
            var entry = entries[_random.Next(entries.Count)];
            var kind = kinds[variants.Count % kinds.Length];
            // Only people's names are turned around: after a company's comma stands its legal form ("X, S. DE R.L. DE C.V."),
            // which no trader writes first.
            var name = entry.Kind == SubjectKind.Person ? ReadingOrder(entry.Name) : entry.Name;
            string? query = kind switch
            {
                VariantKind.WordOrder => Shuffle(name),
                VariantKind.DroppedMiddleName => entry.Kind == SubjectKind.Person ? DropMiddle(name) : null,
                VariantKind.Typo => Typo(name),
                VariantKind.Accents => Accents(name),
                VariantKind.Alias => entry.Aliases.Count == 0 ? null : entry.Aliases[_random.Next(entry.Aliases.Count)],
                VariantKind.CompanyForm => entry.Kind == SubjectKind.Organisation ? ChangeForm(name) : null,
                _ => null,
            };
            if (query is null || string.Equals(query, name, StringComparison.Ordinal) && kind != VariantKind.Alias)
            {
                continue;
            }
            variants.Add(new NameVariant(query, entry.List, entry.Id, kind, kind == VariantKind.Alias ? query : entry.Name));
        }
        return variants;
    }

    /// <summary>"HANIYA, Ismail Abdul" → "Ismail Abdul HANIYA"; names with no single comma stay as they are.</summary>
    public static string ReadingOrder(string name)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0 || name.IndexOf(',', comma + 1) >= 0)
        {
            return name;
        }
        var after = name[(comma + 1)..].Trim();
        if (after.Length == 0 || NameNormaliser.Tokens(after).All(NameNormaliser.IsLegalForm))
        {
            return name;
        }
        return after + " " + name[..comma].Trim();
    }

    private static string[] Words(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private string? Shuffle(string name)
    {
        var (core, form) = SplitForm(name);
        var words = Words(core);
        if (words.Length < 2)
        {
            return null;
        }
        for (var tries = 0; tries < 5; tries++)
        {
            _random.Shuffle(words);
            var shuffled = (string.Join(' ', words) + " " + form).Trim();
            if (!string.Equals(shuffled, name, StringComparison.Ordinal))
            {
                return shuffled;
            }
        }
        return null;
    }

    private string? DropMiddle(string name)
    {
        var words = Words(name);
        if (words.Length < 3)
        {
            return null;
        }
        var drop = 1 + _random.Next(words.Length - 2);
        return string.Join(' ', words.Where((_, i) => i != drop));
    }

    private string? Typo(string name)
    {
        // Runs of at least five letters: a typo in "ABD" of "ABD-AL-HAMID" makes another name, not a misspelt one.
        var runs = new List<(int Start, int Length)>();
        for (var i = 0; i < name.Length;)
        {
            var start = i;
            while (i < name.Length && char.IsLetter(name[i]))
            {
                i++;
            }
            if (i - start >= 5)
            {
                runs.Add((start, i - start));
            }
            i = Math.Max(i, start + 1);
        }
        if (runs.Count == 0)
        {
            return null;
        }
        var (runStart, runLength) = runs[_random.Next(runs.Count)];
        var word = new StringBuilder(name);
        var at = runStart + 1 + _random.Next(runLength - 1);
        var letter = (char)('a' + _random.Next(26));
        if (char.IsUpper(word[at]))
        {
            letter = char.ToUpperInvariant(letter);
        }
        var last = runStart + runLength - 1;
        switch (_random.Next(4))
        {
            case 0:
                word[at] = word[at] == letter ? (char)(letter is 'z' or 'Z' ? letter - 1 : letter + 1) : letter;
                break;
            case 1:
                word.Remove(at, 1);
                break;
            case 2:
                word.Insert(at, letter);
                break;
            default:
                if (at < last && word[at] != word[at + 1])
                {
                    (word[at], word[at + 1]) = (word[at + 1], word[at]);
                }
                else
                {
                    word.Remove(at, 1);
                }
                break;
        }
        return word.ToString();
    }

    private string? Accents(string name)
    {
        const string plain = "aeiouncAEIOUNC";
        const string accented = "áéíöüñçÁÉÍÖÜÑÇ";
        var builder = new StringBuilder(name.Length);
        var changed = 0;
        foreach (var c in name)
        {
            var at = plain.IndexOf(c, StringComparison.Ordinal);
            if (at >= 0 && _random.Next(3) == 0)
            {
                builder.Append(accented[at]);
                changed++;
            }
            else
            {
                builder.Append(c);
            }
        }
        return changed == 0 ? null : builder.ToString();
    }

    private string? ChangeForm(string name)
    {
        var (core, form) = SplitForm(name);
        if (form.Length > 0)
        {
            return core.Length == 0 ? null : core;
        }
        return name + " " + Forms[_random.Next(Forms.Length)];
    }

    /// <summary>A company name split into its name and its trailing legal form ("CONSTRUCTORA X S.A. DE C.V." → "CONSTRUCTORA X", "S.A. DE C.V.").</summary>
    private static (string Core, string Form) SplitForm(string name)
    {
        var words = Words(name).ToList();
        var formStart = words.Count;
        while (formStart > 1)
        {
            var word = words[formStart - 1].Trim(',', '(', ')');
            var letters = new string([.. word.Where(char.IsLetter)]).ToLowerInvariant();
            var isForm = FormWords.Contains(word) || NameNormaliser.IsLegalForm(letters) || (word.Contains('.', StringComparison.Ordinal) && word.Count(char.IsLetter) <= 4)
                || (formStart < words.Count && word.ToUpperInvariant() is "DE" or "Y" or "&");
            if (!isForm)
            {
                break;
            }
            formStart--;
        }
        return (string.Join(' ', words.Take(formStart)).TrimEnd(','), string.Join(' ', words.Skip(formStart)));
    }
}
