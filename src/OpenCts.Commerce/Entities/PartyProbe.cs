using System.Text;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Entities;

/// <summary>A party record's normalised forms and the keys the index looks it up by.</summary>
internal sealed class PartyProbe
{
    private PartyProbe(NormalisedName name, NormalisedAddress address, string? email, string? phone, List<string> identifiers)
    {
        Name = name;
        Address = address;
        Email = email;
        Phone = phone;
        Identifiers = identifiers;
        // Without a postcode the building's key is the city key itself: it is made once, not once for each.
        var cityKey = address.CityKey;
        AddressKey = address.Postcode.Length > 0 ? address.Key : cityKey;
        CityKey = cityKey is not null && cityKey != AddressKey ? cityKey : null;
        AddressHash = AddressKey is null ? 0 : KeyHash.Of('B', AddressKey);
        Keys = ProbeKey.Of(this);
    }

    public NormalisedName Name { get; }

    public NormalisedAddress Address { get; }

    public string? AddressKey { get; }

    /// <summary>The city-street-number key when it differs from <see cref="AddressKey"/> (the record has a postcode).</summary>
    public string? CityKey { get; }

    /// <summary>The hash of <see cref="AddressKey"/>, 0 when there is none.</summary>
    public long AddressHash { get; }

    public string? Email { get; }

    public string? Phone { get; }

    public List<string> Identifiers { get; }

    /// <summary>The keys the index looks the record up and posts it by, in the order it reads them.</summary>
    public ProbeKey[] Keys { get; }

    public static PartyProbe Of(PartyRecord record) =>
        Of(record.Name, record.Street, record.City, record.Postcode, record.Country, record.Phone, record.Email,
            record.Identifiers.Count == 0 ? [] : record.Identifiers.Select(i => (i.Scheme, i.Value)));

    public static PartyProbe Of(RawParty raw) =>
        Of(raw.Name, raw.Street, raw.City, raw.Postcode, raw.Country, raw.Phone, raw.Email, raw.Identifiers);

    private static PartyProbe Of(string name, string? street, string? city, string? postcode, string? country, string? phone, string? email, IEnumerable<(string Scheme, string Value)> identifiers)
    {
        var ids = new List<string>();
        foreach (var (scheme, value) in identifiers)
        {
            if (IdentifierNormaliser.Normalise(scheme, value) is { } key && !ids.Contains(key))
            {
                ids.Add(key);
            }
        }
        return new PartyProbe(
            NameNormaliser.Normalise(name),
            AddressNormaliser.Normalise(street, city, postcode, country),
            EmailNormaliser.Normalise(email),
            PhoneNormaliser.Normalise(phone, country),
            ids);
    }

    /// <summary>Whether a word of the name can block a fuzzy comparison: two letters or more.</summary>
    /// <remarks>The words are the name key's spans between spaces, hashed where they lie: a string and an array for each were garbage at once.</remarks>
    public static bool Blocks(ReadOnlySpan<char> word) => word.Length >= 2;
}

/// <summary>A party record's fields as written, as kept in the index's arena.</summary>
internal sealed record RawParty(
    string Name,
    string? Street,
    string? City,
    string? Postcode,
    string? Country,
    string? Phone,
    string? Email,
    IReadOnlyList<(string Scheme, string Value)> Identifiers)
{
    private const char FieldMark = '\u001F';
    private const char IdMark = '\u001E';
    private const char ValueMark = '\u001D';

    public static void Encode(PartyRecord record, StringBuilder text)
    {
        text.Clear();
        text.Append(record.Name).Append(FieldMark).Append(record.Street).Append(FieldMark).Append(record.City).Append(FieldMark)
            .Append(record.Postcode).Append(FieldMark).Append(record.Country).Append(FieldMark).Append(record.Phone).Append(FieldMark)
            .Append(record.Email).Append(FieldMark);
        foreach (var id in record.Identifiers)
        {
            text.Append(id.Scheme).Append(ValueMark).Append(id.Value).Append(IdMark);
        }
    }

    public static RawParty Decode(string text)
    {
        var f = text.Split(FieldMark);
        var ids = new List<(string, string)>();
        foreach (var id in f[7].Split(IdMark, StringSplitOptions.RemoveEmptyEntries))
        {
            var at = id.IndexOf(ValueMark, StringComparison.Ordinal);
            ids.Add((id[..at], id[(at + 1)..]));
        }
        return new RawParty(f[0], Null(f[1]), Null(f[2]), Null(f[3]), Null(f[4]), Null(f[5]), Null(f[6]), ids);
    }

    public static RawParty Of(PartyRecord record) => new(
        record.Name, record.Street, record.City, record.Postcode, record.Country, record.Phone, record.Email,
        record.Identifiers.Select(i => (i.Scheme, i.Value)).ToList());

    private static string? Null(string field) => field.Length == 0 ? null : field;
}
