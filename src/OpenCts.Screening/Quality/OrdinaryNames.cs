using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Matching;

namespace OpenCts.Screening.Quality;

/// <summary>Makes seeded ordinary trader names (people and companies from many countries) that are not on any list, to measure false alerts.</summary>
/// <remarks>
/// Built from our own word lists of common given names, family names and company words. A generated name whose normalised
/// tokens equal those of a listed name or alias is thrown away: it would be a true hit, not a false one.
/// </remarks>
public sealed class OrdinaryNames(int seed)
{
    private static readonly string[] GivenNames =
    [
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles", "Mary", "Patricia", "Jennifer",
        "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Emma", "Olivia", "Sophie", "Charlotte", "Amelia", "Oliver",
        "Harry", "George", "Jack", "Noah", "Lukas", "Jonas", "Leon", "Finn", "Anna", "Lena", "Hannah", "Marie", "Klaus", "Jürgen", "Stefan",
        "Pierre", "Jean", "Louis", "Camille", "Chloé", "Manon", "Antoine", "Julien", "Nicolas", "Giulia", "Francesca", "Marco", "Luca",
        "Alessandro", "Matteo", "Lorenzo", "Chiara", "Sofia", "Lucía", "Pablo", "Javier", "Sergio", "Carmen", "Isabel", "Elena", "Diego",
        "Mateus", "Gabriel", "Rafael", "Beatriz", "Joana", "Tiago", "Wei", "Fang", "Lei", "Jing", "Min", "Xiu", "Hiroshi", "Yuki", "Kenji",
        "Haruto", "Sakura", "Aiko", "Ji-woo", "Seo-yeon", "Min-jun", "Priya", "Rahul", "Anil", "Sunita", "Arjun", "Deepa", "Vikram",
        "Ravi", "Meera", "Kavya", "Piotr", "Katarzyna", "Tomasz", "Agnieszka", "Jan", "Pieter", "Sanne", "Daan", "Lars", "Ingrid", "Sven",
        "Astrid", "Mikko", "Aino", "Mehmet", "Ayşe", "Emre", "Zeynep", "Burak", "Elif", "Kwame", "Ama", "Chinedu", "Ngozi", "Thabo",
        "Lerato", "Aroha", "Tane", "Liam", "Chloe", "Ethan", "Mia", "Lucas", "Ava", "Mason", "Zoe", "Nora", "Oscar", "Felix", "Hugo",
        "Ines", "Maja", "Erik", "Nils", "Tobias", "Florian", "Sebastian", "Dominik", "Veronika", "Tereza", "Ondřej", "Bence", "Réka",
    ];

    private static readonly string[] FamilyNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin",
        "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright", "Scott", "Green",
        "Baker", "Adams", "Nelson", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Koch", "Richter", "Klein", "Wolf", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Simon", "Michel", "Leroy", "Roux",
        "Fournier", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
        "Conti", "Costa", "Giordano", "Mancini", "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Carvalho", "Almeida", "Ribeiro",
        "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Wu", "Sun", "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe",
        "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Park", "Choi", "Jung", "Kang", "Patel", "Sharma", "Gupta", "Singh", "Kumar", "Reddy",
        "Iyer", "Nair", "Mehta", "Joshi", "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "de Jong", "Jansen", "de Vries",
        "van den Berg", "Bakker", "Visser", "Smit", "Hansen", "Johansson", "Nielsen", "Andersson", "Karlsson", "Virtanen", "Korhonen",
        "Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Öztürk", "Mensah", "Okafor", "Adeyemi", "Nkosi", "Dlamini", "Novák", "Svoboda",
        "Dvořák", "Horváth", "Nagy", "Tóth", "Papadopoulos", "Georgiou", "Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "Walsh",
        "Fernández", "García", "Martínez", "Sánchez", "Pérez", "Gómez", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez",
    ];

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

    /// <summary>This many distinct ordinary names, about half people and half companies, none listed.</summary>
    public IReadOnlyList<string> Generate(IReadOnlyList<WatchlistEntry> listed, int count)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var listedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in listed)
        {
            listedKeys.Add(Key(entry.Name));
            foreach (var alias in entry.Aliases)
            {
                listedKeys.Add(Key(alias));
            }
        }
        var names = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var attempts = 0;
        while (names.Count < count && attempts++ < count * 50)
        {
            var name = _random.Next(2) == 0 ? Person() : Company();
            if (seen.Add(name) && !listedKeys.Contains(Key(name)))
            {
                names.Add(name);
            }
        }
        return names;
    }

    private string Person()
    {
        var given = Pick(GivenNames);
        var family = Pick(FamilyNames);
        return _random.Next(10) switch
        {
            0 => $"{family.ToUpperInvariant()}, {given}",
            1 => $"{given} {Pick(GivenNames)} {family}",
            2 => $"{given} {(char)('A' + _random.Next(26))}. {family}",
            3 => $"{given} {family}-{Pick(FamilyNames)}",
            _ => $"{given} {family}",
        };
    }

    private string Company()
    {
        var form = Pick(CompanyForms);
        var core = _random.Next(6) switch
        {
            0 => $"{Pick(FamilyNames)} & {Pick(FamilyNames)} {Pick(CompanySecondWords)}",
            1 => $"{Pick(FamilyNames)} {Pick(CompanySecondWords)}",
            2 => $"{Pick(CompanyFirstWords)} {Pick(CompanySecondWords)} {Pick(["International", "Trading", "Group", "Industries", "Services", "Holdings", "Export"])}",
            _ => $"{Pick(CompanyFirstWords)} {Pick(CompanySecondWords)}",
        };
        return form.Length == 0 ? core : $"{core} {form}";
    }

    private string Pick(string[] words) => words[_random.Next(words.Length)];

    private static string Key(string name)
    {
        var tokens = NameNormaliser.Tokens(name);
        Array.Sort(tokens, StringComparer.Ordinal);
        return string.Join(' ', tokens);
    }
}
