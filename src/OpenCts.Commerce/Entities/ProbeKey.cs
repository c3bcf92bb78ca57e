namespace OpenCts.Commerce.Entities;

/// <summary>A key a party record is looked up and posted by in the entity index: its hash, what it links by, and whether it is looked up or only posted.</summary>
internal readonly record struct ProbeKey(long Hash, LinkKind Kind, bool Searched = true)
{
    /// <summary>
    /// The keys of a record's normal forms: identifiers, e-mail, phone and name-at-address exactly; then, to block the
    /// fuzzy comparison, each name word within the postcode (or, without a postcode, at the city address).
    /// </summary>
    /// <remarks>
    /// They depend on the record alone, so they are made with its normal forms, on whichever thread prepares it: hashing
    /// them was a tenth of adding a record on the one thread that adds them in order.
    /// </remarks>
    public static ProbeKey[] Of(PartyProbe probe)
    {
        var keys = new List<ProbeKey>(8);
        foreach (var id in probe.Identifiers)
        {
            keys.Add(new ProbeKey(KeyHash.Of('I', id), LinkKind.Identifier));
        }
        if (probe.Email is { } email)
        {
            keys.Add(new ProbeKey(KeyHash.Of('E', email), LinkKind.Email));
        }
        if (probe.Phone is { } phone)
        {
            keys.Add(new ProbeKey(KeyHash.Of('T', phone), LinkKind.Phone));
        }
        if (probe.Name.IsEmpty)
        {
            return [.. keys];
        }
        var name = probe.Name.Key;
        if (probe.AddressKey is { } addressKey)
        {
            keys.Add(new ProbeKey(KeyHash.Of('N', name, addressKey), LinkKind.NameAndAddress));
        }
        if (probe.CityKey is { } cityKey)
        {
            keys.Add(new ProbeKey(KeyHash.Of('N', name, cityKey), LinkKind.NameAndAddress));
        }
        var postcode = probe.Address.Postcode;
        if (postcode.Length == 0 && probe.AddressKey is null)
        {
            return [.. keys];
        }
        foreach (var range in name.AsSpan().Split(' '))
        {
            var word = name.AsSpan(range);
            if (!PartyProbe.Blocks(word))
            {
                continue;
            }
            var hash = postcode.Length > 0 ? KeyHash.Of('Q', probe.Address.Country, postcode, word) : KeyHash.Of('A', probe.AddressKey, word);
            keys.Add(new ProbeKey(hash, LinkKind.FuzzyNameAndPostcode));
            if (probe.CityKey is { } city)
            {
                // Posted but not searched: a later record without a postcode finds this one by city and street.
                keys.Add(new ProbeKey(KeyHash.Of('A', city, word), LinkKind.FuzzyNameAndPostcode, Searched: false));
            }
        }
        return [.. keys];
    }
}
