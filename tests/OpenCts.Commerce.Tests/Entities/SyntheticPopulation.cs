using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Tests.Entities;

/// <summary>
/// A seeded synthetic population of buyers who order parcels under varying spellings: typos, reordered names,
/// initials, titles, St and Street, flats, postcode spacing, phone formats, Gmail dots and plus-tags. Each record
/// carries the person it truly is, so linkage can be scored against the truth.
/// </summary>
internal sealed class SyntheticPopulation(int seed, int contactPercent = 60)
{
    private static readonly string[] FirstNames =
    [
        "John", "Jane", "Peter", "Anna", "Maria", "James", "Laura", "Pieter", "Sanne", "Lucas", "Emma", "Noah", "Sophie", "Daan", "Julia",
        "Mohamed", "Fatima", "Ahmed", "Yusuf", "Aisha", "Wei", "Li", "Hans", "Greta", "Klaus", "Monika", "Jan", "Katarzyna", "Piotr", "Olga",
        "Ivan", "Elena", "Giulia", "Marco", "Sofia", "Pablo", "Lucia", "Thomas", "Sarah", "David", "Rachel", "Michael", "Olivia", "William", "Chloe",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Jones", "Williams", "Brown", "Taylor", "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos",
        "Peters", "Hendriks", "Dekker", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Kowalski", "Nowak", "Wiśniewski",
        "Novák", "Horváth", "Rossi", "Russo", "García", "Fernández", "López", "Martínez", "Khan", "Hassan", "Ali", "Yilmaz", "Öztürk", "Kaya",
        "Wang", "Zhang", "Chen", "Nguyen", "Tran", "Petrov", "Ivanova", "Andersen", "Nielsen", "Johansson", "Lindqvist", "O'Brien", "Murphy",
        "Kelly", "Dubois", "Lefèvre", "Moreau", "Laurent", "Costa", "Silva", "Santos", "Pereira", "Oliveira", "Papadopoulos", "Nikolaidis",
    ];

    private static readonly (string Street, string StreetType)[] Streets =
    [
        ("Baker", "Street"), ("Mill", "Road"), ("Church", "Street"), ("Station", "Road"), ("Park", "Avenue"), ("Oak", "Lane"), ("High", "Street"),
        ("King", "Street"), ("Queen", "Road"), ("Victoria", "Avenue"), ("Elm", "Street"), ("Maple", "Road"), ("Cedar", "Avenue"), ("Willow", "Lane"),
        ("Haupt", "straße"), ("Berliner", " Straße"), ("Linden", "straße"), ("Garten", "straße"), ("Kalver", "straat"), ("Prinsen", "gracht"),
    ];

    private static readonly string[] Cities = ["Amsterdam", "Rotterdam", "Utrecht", "London", "Leeds", "Berlin", "Hamburg", "Köln", "Lyon", "Milano"];

    private readonly Random random = new(seed);

    /// <summary>A person as the truth knows them.</summary>
    public sealed record Person(int Id, string First, string Last, string Street, string StreetType, int Number, int? Flat, string Postcode, string City, string Country, string Phone, string EmailLocal, string EmailDomain);

    /// <summary>Makes <paramref name="count"/> people; about one in six shares a building with an earlier one (a flat or a family).</summary>
    public List<Person> People(int count)
    {
        var people = new List<Person>(count);
        for (var id = 0; id < count; id++)
        {
            Person person;
            if (id > 0 && random.Next(6) == 0)
            {
                // Same building as someone else: often the same family name, a different first name, phone and e-mail.
                var other = people[random.Next(people.Count)];
                var first = Pick(FirstNames);
                var last = random.Next(2) == 0 ? other.Last : Pick(LastNames);
                person = other with { Id = id, First = first, Last = last, Flat = random.Next(3) == 0 ? random.Next(1, 30) : other.Flat, Phone = NewPhone(), EmailLocal = Local(first, last, id), EmailDomain = Domain() };
            }
            else
            {
                var (street, type) = Streets[random.Next(Streets.Length)];
                var city = random.Next(Cities.Length);
                var country = city < 3 ? "NL" : city < 5 ? "GB" : city < 8 ? "DE" : city < 9 ? "FR" : "IT";
                var first = Pick(FirstNames);
                var last = Pick(LastNames);
                person = new Person(id, first, last, street, type, random.Next(1, 300), random.Next(5) == 0 ? random.Next(1, 30) : null,
                    Postcode(country), Cities[city], country, NewPhone(), Local(first, last, id), Domain());
            }
            people.Add(person);
        }
        return people;
    }

    /// <summary>One record of a person's parcel, written the way a shop or a courier might have written it.</summary>
    public PartyRecord Record(Person person, string documentKey, DateTimeOffset at, double value, PartyRole role = PartyRole.Consignee) =>
        new(documentKey, role, Name(person), Street(person), random.Next(10) == 0 ? person.City.ToUpperInvariant() : person.City,
            random.Next(12) == 0 ? null : PostcodeVariant(person.Postcode), person.Country,
            random.Next(100) < contactPercent ? PhoneVariant(person) : null, random.Next(100) < contactPercent ? EmailVariant(person) : null, [], at, value);

    private string Name(Person p)
    {
        var last = random.Next(8) == 0 ? Typo(p.Last) : p.Last;
        var first = random.Next(12) == 0 ? Typo(p.First) : p.First;
        return random.Next(10) switch
        {
            0 => $"{last}, {first}",
            1 => $"{first[0]}. {last}",
            2 => $"{(random.Next(2) == 0 ? "Mr" : "Ms")} {first} {last}",
            3 => $"{first} {last}".ToUpperInvariant(),
            4 => $"{last.ToUpperInvariant()} {first}",
            _ => $"{first} {last}",
        };
    }

    private string Street(Person p)
    {
        var type = p.StreetType switch
        {
            "Street" => random.Next(2) == 0 ? "St." : "Street",
            "Road" => random.Next(2) == 0 ? "Rd" : "Road",
            "Avenue" => random.Next(2) == 0 ? "Ave" : "Avenue",
            "straße" => random.Next(3) switch { 0 => "str.", 1 => "strasse", _ => "straße" },
            " Straße" => random.Next(2) == 0 ? " Str." : " Straße",
            _ => p.StreetType,
        };
        var street = p.StreetType.StartsWith(' ') || char.IsLower(p.StreetType[0]) ? p.Street + type : $"{p.Street} {type}";
        var line = p.Country is "GB" ? $"{p.Number} {street}" : $"{street} {p.Number}";
        if (p.Flat is { } flat)
        {
            line += random.Next(3) switch { 0 => $", Apt {flat}", 1 => $" #{flat}", _ => $", Flat {flat}" };
        }
        return line;
    }

    private string PhoneVariant(Person p)
    {
        var code = CallingCode(p.Country);
        var national = p.Phone;
        // Italian numbers have no trunk prefix to drop: a mobile is dialled the same at home and abroad.
        var trunk = p.Country == "IT" ? "" : "0";
        return random.Next(4) switch
        {
            0 => $"{trunk}{national[..3]} {national[3..]}",
            1 => $"+{code} {national}",
            2 => $"00{code}-{national[..3]}-{national[3..]}",
            _ => $"({trunk}{national[..2]}) {national[2..]}",
        };
    }

    private string EmailVariant(Person p)
    {
        var local = p.EmailLocal;
        if (p.EmailDomain == "gmail.com")
        {
            local = random.Next(3) switch { 0 => local.Replace(".", "", StringComparison.Ordinal), 1 => local + "+shop" + random.Next(9), _ => local };
        }
        else if (p.EmailDomain == "outlook.com" && random.Next(3) == 0)
        {
            local += "+orders";
        }
        var email = $"{local}@{p.EmailDomain}";
        return random.Next(5) == 0 ? email.ToUpperInvariant() : email;
    }

    private string Typo(string word)
    {
        if (word.Length < 4)
        {
            return word;
        }
        var at = random.Next(1, word.Length - 2);
        return random.Next(2) == 0
            ? string.Concat(word.AsSpan(0, at), word[at + 1].ToString(), word[at].ToString(), word.AsSpan(at + 2))
            : word.Remove(at, 1);
    }

    private string PostcodeVariant(string postcode) => random.Next(3) switch
    {
        0 => postcode.Replace(" ", "", StringComparison.Ordinal),
        1 => postcode.ToLowerInvariant(),
        _ => postcode,
    };

    private string Postcode(string country) => country switch
    {
        "NL" => $"{random.Next(1000, 9999)} {(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}",
        "GB" => $"LS{random.Next(1, 20)} {random.Next(1, 9)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}",
        _ => $"{random.Next(10000, 99999)}",
    };

    private static string CallingCode(string country) => country switch { "NL" => "31", "GB" => "44", "DE" => "49", "FR" => "33", _ => "39" };

    private string NewPhone() => $"{random.Next(600, 800)}{random.Next(100000, 999999)}";

    private string Local(string first, string last, int id) =>
        $"{TextFolding.Fold(first).ToLowerInvariant()}.{TextFolding.Fold(last).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private string Domain() => random.Next(10) switch { < 4 => "gmail.com", < 6 => "outlook.com", < 7 => "yahoo.com", _ => "mail.example" };

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}
