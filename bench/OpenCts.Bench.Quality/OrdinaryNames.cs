using OpenCts.Domain.Watchlists;

namespace OpenCts.Bench.Quality;

/// <summary>Makes seeded ordinary trader names (people of several naming traditions, and companies) that are not on any list, to measure false alerts.</summary>
/// <remarks>
/// Built from our own word lists of common given names, family names and company words. Each name is drawn from one tradition
/// (<see cref="NameTradition"/>), about as many from each. A generated name whose normalised tokens equal those of a listed name
/// or alias is thrown away: it would be a true hit, not a false one.
/// </remarks>
public sealed partial class OrdinaryNames(int seed)
{
    private static readonly string[] CompanyFirstWords =
    [
        "Northern", "Southern", "Eastern", "Western", "Atlantic", "Pacific", "Baltic", "Nordic", "Alpine", "Coastal", "Blue", "Green",
        "Silver", "Golden", "Red", "Bright", "Evergreen", "Harbour", "Summit", "Pioneer", "Meridian", "Horizon", "Crescent", "Oak",
        "Maple", "Cedar", "Willow", "River", "Lakeside", "Hillside", "Riverside", "Valley", "Highland", "Lowland", "Sunrise", "Sunset",
        "Polar", "Vertex", "Apex", "Keystone", "Cornerstone", "Beacon", "Anchor", "Compass", "Lighthouse", "Falcon", "Eagle", "Heron",
        "Swan", "Fox", "Bear", "Otter", "Rhine", "Danube", "Thames", "Elbe", "Loire", "Bavarian", "Saxon", "Flemish", "Tuscan", "Iberian",
        "Andean", "Nile", "Sahel", "Mekong", "Yangtze", "Kanto", "Deccan", "Bengal", "Java", "Tasman", "Kiwi", "Maple Leaf", "Prairie",
    ];

    private static readonly string[] CompanySecondWords =
    [
        "Logistics", "Freight", "Shipping", "Transport", "Foods", "Farms", "Textiles", "Garments", "Furniture", "Ceramics", "Plastics",
        "Packaging", "Paper", "Printing", "Electronics", "Components", "Machinery", "Tools", "Hardware", "Motors", "Auto Parts",
        "Chemicals", "Pharma", "Medical Supplies", "Cosmetics", "Beverages", "Coffee", "Tea", "Spices", "Seafood", "Dairy", "Bakery",
        "Toys", "Sports", "Footwear", "Leather", "Jewellery", "Optics", "Lighting", "Solar", "Energy Systems", "Water Systems", "Pumps",
        "Valves", "Bearings", "Fasteners", "Cables", "Glassworks", "Timber", "Stone", "Tiles", "Paints", "Fertilisers", "Seeds",
        "Instruments", "Software", "Robotics", "Appliances", "Bicycles", "Marine Supplies", "Office Supplies", "Home Goods", "Brewing",
    ];

    private static readonly string[] CompanyForms =
    [
        "Ltd", "Ltd.", "Limited", "LLC", "Inc.", "GmbH", "AG", "S.A.", "S.p.A.", "S.r.l.", "B.V.", "N.V.", "AB", "Oy", "A/S", "Sp. z o.o.",
        "S.A.S.", "SARL", "Co., Ltd.", "Pty Ltd", "Pvt. Ltd.", "K.K.", "PLC", "", "", "",
    ];

    private readonly Random _random = new(seed);

    /// <summary>This many distinct ordinary names, about as many from each tradition, none listed.</summary>
    public IReadOnlyList<OrdinaryName> Generate(IReadOnlyList<WatchlistEntry> listed, int count)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var listedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in listed)
        {
            listedKeys.Add(NameKey.Of(entry.Name));
            foreach (var alias in entry.Aliases)
            {
                listedKeys.Add(NameKey.Of(alias));
            }
        }
        var names = new List<OrdinaryName>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var attempts = 0;
        while (names.Count < count && attempts++ < count * 50)
        {
            var pick = _random.Next(People.Length + 1);
            var name = pick < People.Length ? new OrdinaryName(Person(People[pick]), People[pick].Tradition) : new OrdinaryName(Company(), NameTradition.Company);
            if (seen.Add(name.Name) && !listedKeys.Contains(NameKey.Of(name.Name)))
            {
                names.Add(name);
            }
        }
        return names;
    }

    private string Person(PeopleNames tradition)
    {
        var given = Pick(tradition.Given);
        var family = Pick(tradition.Family);
        var familyFirst = tradition.Tradition is NameTradition.Chinese or NameTradition.Korean;
        return _random.Next(10) switch
        {
            0 => $"{family.ToUpperInvariant()}, {given}",
            1 => $"{given} {Pick(tradition.Middle)} {family}",
            2 => $"{given} {(char)('A' + _random.Next(26))}. {family}",
            3 => $"{given} {family}-{Pick(tradition.Family)}",
            // Chinese and Korean names are written family name first as often as not.
            4 or 5 when familyFirst => $"{family} {given}",
            _ => $"{given} {family}",
        };
    }

    private string Company()
    {
        var form = Pick(CompanyForms);
        var core = _random.Next(6) switch
        {
            0 => $"{Pick(OtherFamily)} & {Pick(OtherFamily)} {Pick(CompanySecondWords)}",
            1 => $"{Pick(OtherFamily)} {Pick(CompanySecondWords)}",
            2 => $"{Pick(CompanyFirstWords)} {Pick(CompanySecondWords)} {Pick(["International", "Trading", "Group", "Industries", "Services", "Holdings", "Export"])}",
            _ => $"{Pick(CompanyFirstWords)} {Pick(CompanySecondWords)}",
        };
        return form.Length == 0 ? core : $"{core} {form}";
    }

    private string Pick(string[] words) => words[_random.Next(words.Length)];
}
