using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Common;
using OpenCts.Domain.Values;

namespace OpenCts.Commerce.Ipr;

/// <summary>The rights-holder register: protected brands, and the index that finds them in goods descriptions.</summary>
/// <remarks>
/// A description is scanned once. Each token, and each pair of neighbouring tokens joined (<c>Nord Haven</c>), is folded
/// (<see cref="BrandText"/>) and looked up in one hash table of every name, variant and look-alike. Only a token with no
/// exact hit, at least five letters long and not an ordinary word the register lists, is compared by edit distance,
/// and only with the names that start with its first letter and have about its length: one edit allowed up to seven
/// letters, two from eight. Ordinary words such as <c>solenoid</c>, <c>nordic</c> and <c>luminous</c> stay out of
/// reach of every name.
/// </remarks>
public sealed class IprRegister
{
    private static readonly string[] BrandFields = ["name", "goods", "headings", "variants", "lookAlikes", "notMatching", "origins", "manufacturers", "priceFloor"];
    private readonly FrozenDictionary<string, (int Brand, IprMatchKind Kind)> _exact;
    private readonly FrozenSet<string> _ordinary;
    private readonly (string Key, int Brand)[][] _byFirstLetter = new (string, int)[26][];
    private readonly FrozenSet<string>[] _manufacturers;
    private readonly bool[] _spacedVariant;

    /// <summary>An index over the brands; names, variants and look-alikes must each name one brand.</summary>
    public IprRegister(IEnumerable<IprBrand> brands)
    {
        ArgumentNullException.ThrowIfNull(brands);
        Brands = [.. brands];
        var exact = new Dictionary<string, (int, IprMatchKind)>(StringComparer.Ordinal);
        var ordinary = new HashSet<string>(StringComparer.Ordinal);
        var fuzzy = new List<(string Key, int Brand)>[26];
        for (var b = 0; b < Brands.Count; b++)
        {
            var brand = Brands[b];
            Add(exact, fuzzy, brand.Name, b, IprMatchKind.Name);
            foreach (var variant in brand.Variants)
            {
                Add(exact, fuzzy, variant, b, IprMatchKind.Variant);
            }
            foreach (var lookAlike in brand.LookAlikes)
            {
                Add(exact, fuzzy, lookAlike, b, IprMatchKind.LookAlike);
            }
            foreach (var word in brand.NotMatching)
            {
                ordinary.Add(BrandText.Key(word));
            }
        }
        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        _ordinary = ordinary.ToFrozenSet(StringComparer.Ordinal);
        for (var i = 0; i < 26; i++)
        {
            _byFirstLetter[i] = fuzzy[i] is { } list ? [.. list] : [];
        }
        _spacedVariant = [.. Brands.Select(b => b.Variants.Any(v => BrandText.Key(v) == BrandText.Key(b.Name)))];
        _manufacturers = [.. Brands.Select(b => b.Manufacturers.Select(ManufacturerKey).ToFrozenSet(StringComparer.Ordinal))];
    }

    /// <summary>The brands, in the order of the register.</summary>
    public IReadOnlyList<IprBrand> Brands { get; }

    /// <summary>The currency of the price floors, when the register names it; it must be the national currency.</summary>
    public CurrencyCode? Currency { get; init; }

    /// <summary>The brand a description names, and whether the line looks counterfeit; null when it names none.</summary>
    /// <param name="description">The goods description.</param>
    /// <param name="origin">The declared origin country, when known.</param>
    /// <param name="manufacturer">The manufacturer or shipper, when known.</param>
    /// <param name="unitValueNational">The declared value of one unit in the national currency; NaN when unknown.</param>
    public IprMatch? Match(string description, string? origin, string? manufacturer, double unitValueNational)
    {
        if (string.IsNullOrEmpty(description) || !Find(description, out var brandIndex, out var found, out var kind))
        {
            return null;
        }
        var brand = Brands[brandIndex];
        List<string>? reasons = null;
        if (unitValueNational < brand.PriceFloor)
        {
            (reasons ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"declared at {unitValueNational:0.##} a unit, below the {brand.Name} price floor of {brand.PriceFloor:0.##}"));
        }
        if (!string.IsNullOrWhiteSpace(origin) && brand.Origins.Count > 0 && !brand.Origins.Contains(origin.Trim().ToUpperInvariant()))
        {
            (reasons ??= []).Add($"origin {origin.Trim().ToUpperInvariant()} is not one {brand.Name} ships genuine goods from ({string.Join(", ", brand.Origins)})");
        }
        if (!string.IsNullOrWhiteSpace(manufacturer) && brand.Manufacturers.Count > 0 && !_manufacturers[brandIndex].Contains(ManufacturerKey(manufacturer)))
        {
            (reasons ??= []).Add($"manufacturer '{manufacturer.Trim()}' is not one {brand.Name} authorises");
        }
        return new IprMatch(brand.Name, found, kind, reasons is not null, reasons is null ? default : new ValueList<string>(reasons));
    }

    private bool Find(string description, out int brand, out string found, out IprMatchKind kind)
    {
        // Folded text and token bounds on the stack: a description is at most 1,024 characters.
        var text = description.AsSpan(0, Math.Min(description.Length, 1024));
        Span<char> folded = stackalloc char[text.Length];
        Span<int> starts = stackalloc int[(text.Length / 2) + 1];
        Span<int> ends = stackalloc int[(text.Length / 2) + 1];
        Span<int> rawStarts = stackalloc int[(text.Length / 2) + 1];
        Span<int> rawEnds = stackalloc int[(text.Length / 2) + 1];
        var tokens = Tokenize(text, folded, starts, ends, rawStarts, rawEnds);
        var exact = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> pair = stackalloc char[text.Length];
        for (var t = 0; t < tokens; t++)
        {
            var token = folded[starts[t]..ends[t]];
            var raw = text[rawStarts[t]..rawEnds[t]];
            if (exact.TryGetValue(token, out var hit))
            {
                brand = hit.Brand;
                found = raw.ToString();
                kind = hit.Kind == IprMatchKind.Name && !EqualsFolded(raw, token) ? IprMatchKind.LookAlike : hit.Kind;
                return true;
            }
            if (t + 1 < tokens)
            {
                var next = folded[starts[t + 1]..ends[t + 1]];
                token.CopyTo(pair);
                next.CopyTo(pair[token.Length..]);
                if (exact.TryGetValue(pair[..(token.Length + next.Length)], out var joined))
                {
                    brand = joined.Brand;
                    found = text[rawStarts[t]..rawEnds[t + 1]].ToString();
                    // Spaced out, the name is a look-alike, unless the rights holder writes it spaced itself.
                    kind = joined.Kind == IprMatchKind.Name ? (_spacedVariant[joined.Brand] ? IprMatchKind.Variant : IprMatchKind.LookAlike) : joined.Kind;
                    return true;
                }
            }
        }
        for (var t = 0; t < tokens; t++)
        {
            var token = folded[starts[t]..ends[t]];
            if (token.Length < 5 || !char.IsAsciiLetterLower(token[0]) || _ordinary.GetAlternateLookup<ReadOnlySpan<char>>().Contains(token))
            {
                continue;
            }
            var max = token.Length >= 8 ? 2 : 1;
            foreach (var (key, candidate) in _byFirstLetter[token[0] - 'a'])
            {
                if (Math.Abs(key.Length - token.Length) <= max && BrandText.Distance(token, key, max) <= max)
                {
                    brand = candidate;
                    found = text[rawStarts[t]..rawEnds[t]].ToString();
                    kind = IprMatchKind.NearSpelling;
                    return true;
                }
            }
        }
        brand = -1;
        found = "";
        kind = default;
        return false;
    }

    /// <summary>Splits into folded tokens; digits inside a token with a letter are folded to the letters they imitate.</summary>
    private static int Tokenize(ReadOnlySpan<char> text, Span<char> folded, Span<int> starts, Span<int> ends, Span<int> rawStarts, Span<int> rawEnds)
    {
        var count = 0;
        var length = 0;
        var i = 0;
        while (i < text.Length && count < starts.Length)
        {
            if (BrandText.Fold(text[i]) == '\0')
            {
                i++;
                continue;
            }
            var start = length;
            var rawStart = i;
            var hasLetter = false;
            while (i < text.Length && BrandText.Fold(text[i]) is var f && f != '\0')
            {
                folded[length++] = f;
                hasLetter |= char.IsAsciiLetterLower(f);
                i++;
            }
            if (!hasLetter)
            {
                length = start;
                continue;
            }
            for (var j = start; j < length; j++)
            {
                folded[j] = BrandText.FoldDigit(folded[j]);
            }
            starts[count] = start;
            ends[count] = length;
            rawStarts[count] = rawStart;
            rawEnds[count] = i;
            count++;
        }
        return count;
    }

    private static bool EqualsFolded(ReadOnlySpan<char> raw, ReadOnlySpan<char> folded)
    {
        if (raw.Length != folded.Length)
        {
            return false;
        }
        for (var i = 0; i < raw.Length; i++)
        {
            if (!char.IsAsciiLetter(raw[i]) || (raw[i] | 0x20) != folded[i])
            {
                return false;
            }
        }
        return true;
    }

    private void Add(Dictionary<string, (int, IprMatchKind)> exact, List<(string, int)>[] fuzzy, string name, int brand, IprMatchKind kind)
    {
        var key = BrandText.Key(name);
        if (key.Length == 0)
        {
            throw new ArgumentException($"'{name}' of {Brands[brand].Name} has no letter", nameof(name));
        }
        if (exact.TryGetValue(key, out var other))
        {
            if (other.Item1 != brand)
            {
                throw new ArgumentException($"'{name}' names both {Brands[other.Item1].Name} and {Brands[brand].Name}", nameof(name));
            }
            return;
        }
        exact.Add(key, (brand, kind));
        // Near spellings are measured from the brand's own spellings only: measured from a look-alike too, the reach
        // would double (Selene is one letter from the look-alike Solene, two from Solenne).
        if (kind != IprMatchKind.LookAlike && char.IsAsciiLetterLower(key[0]))
        {
            (fuzzy[key[0] - 'a'] ??= []).Add((key, brand));
        }
    }

    /// <summary>A manufacturer's name compared without case, punctuation or spaces.</summary>
    private static string ManufacturerKey(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    /// <summary>Reads a register file; a wrong or missing value raises a <see cref="CommerceFileException"/> naming its line and field.</summary>
    public static IprRegister Load(string path)
    {
        using var file = JsonFile.Read(path);
        return Read(file);
    }

    /// <summary>Reads a register from JSON text, naming <paramref name="fileName"/> in errors.</summary>
    public static IprRegister Parse(string json, string fileName = "ipr-register.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        using var file = JsonFile.Parse(fileName, System.Text.Encoding.UTF8.GetBytes(json));
        return Read(file);
    }

    private static IprRegister Read(JsonFile file)
    {
        var root = file.Root;
        file.OnlyFields(root, "$", "register", "currency", "note", "brands");
        if (!root.TryGetProperty("brands", out var brandsElement) || brandsElement.ValueKind != JsonValueKind.Array)
        {
            throw file.Error("$.brands", "missing or not an array of brands").At(1);
        }
        var brands = new List<IprBrand>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in brandsElement.EnumerateArray())
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"$.brands[{index++}]");
            file.OnlyFields(element, at, BrandFields);
            var name = file.Text(element, at, "name");
            var headings = file.Texts(element, at, "headings");
            for (var h = 0; h < headings.Count; h++)
            {
                if (headings[h].Length != 4 || !headings[h].All(char.IsAsciiDigit))
                {
                    throw file.Error(string.Create(CultureInfo.InvariantCulture, $"{at}.headings[{h}]"), $"'{headings[h]}' is not an HS heading of 4 digits");
                }
            }
            var origins = file.Texts(element, at, "origins");
            for (var o = 0; o < origins.Count; o++)
            {
                if (!CountryCode.TryParse(origins[o], out _, out var error))
                {
                    throw file.Error(string.Create(CultureInfo.InvariantCulture, $"{at}.origins[{o}]"), error);
                }
            }
            var brand = new IprBrand(
                name,
                element.TryGetProperty("goods", out _) ? file.Text(element, at, "goods") : "",
                new ValueList<string>(headings),
                new ValueList<string>(file.Texts(element, at, "variants")),
                new ValueList<string>(file.Texts(element, at, "lookAlikes")),
                new ValueList<string>(file.Texts(element, at, "notMatching")),
                new ValueList<string>(origins.Select(o => o.ToUpperInvariant())),
                new ValueList<string>(file.Texts(element, at, "manufacturers")),
                file.Number(element, at, "priceFloor", 0, 1e9));
            // Every spelling must name one brand only, or a match could not say which.
            string[] spellings = [brand.Name, .. brand.Variants, .. brand.LookAlikes];
            foreach (var spelling in spellings)
            {
                var field = ReferenceEquals(spelling, brand.Name) ? "name" : brand.Variants.Contains(spelling) ? "variants" : "lookAlikes";
                var key = BrandText.Key(spelling);
                if (key.Length == 0)
                {
                    throw file.Error($"{at}.{field}", $"'{spelling}' has no letter");
                }
                if (names.TryGetValue(key, out var owner) && owner != name)
                {
                    throw file.Error($"{at}.{field}", $"'{spelling}' already names {owner}");
                }
                names[key] = name;
            }
            brands.Add(brand);
        }
        CurrencyCode? currency = null;
        if (root.TryGetProperty("currency", out _))
        {
            if (!CurrencyCode.TryParse(file.Text(root, "$", "currency"), out currency, out var error))
            {
                throw file.Error("$.currency", error);
            }
        }
        return new IprRegister(brands) { Currency = currency };
    }
}
