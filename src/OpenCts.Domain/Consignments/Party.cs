using OpenCts.Domain.Common;
using OpenCts.Domain.Values;

namespace OpenCts.Domain.Consignments;

/// <summary>An identifier of a party in a registry: EORI, TIN, AEO certificate and the like.</summary>
public sealed record PartyIdentifier
{
    public PartyIdentifier(string scheme, string value)
    {
        Scheme = scheme;
        Value = value;
    }

    /// <summary>The registry, such as <c>EORI</c>, <c>TIN</c>, <c>AEO</c>, <c>DUNS</c>.</summary>
    public string Scheme { get; init => field = Guard.NotBlank(value, "scheme", 16).ToUpperInvariant(); }

    public string Value { get; init => field = Guard.NotBlank(value, "value", 64); }

    public override string ToString() => $"{Scheme} {Value}";
}

/// <summary>A postal address as printed on a transport document.</summary>
public sealed record Address
{
    public Address(string? street, string? city, string? postcode, CountryCode? country)
    {
        Street = street;
        City = city;
        Postcode = postcode;
        Country = country;
    }

    public string? Street { get; init => field = Guard.Optional(value, "street"); }

    public string? City { get; init => field = Guard.Optional(value, "city", 128); }

    public string? Postcode { get; init => field = Guard.Optional(value, "postcode", 32); }

    public CountryCode? Country { get; init; }

    public override string ToString() => string.Join(", ", new[] { Street, Postcode, City, Country?.Value }.Where(p => p is not null));
}

/// <summary>A trader or carrier named on a consignment: consignor, consignee, notify party, declarant, seller.</summary>
public sealed record Party
{
    public Party(
        PartyRole role,
        string name,
        Address? address = null,
        CountryCode? country = null,
        ValueList<PartyIdentifier> identifiers = default,
        string? phone = null,
        string? email = null)
    {
        Role = role;
        Name = name;
        Address = address;
        Country = country ?? address?.Country;
        Identifiers = identifiers;
        Phone = phone;
        Email = email;
    }

    public PartyRole Role { get; init => field = Enum.IsDefined(value) ? value : throw new DomainException("role", $"{value} is not a party role"); }

    public string Name { get; init => field = Guard.NotBlank(value, "name"); }

    public Address? Address { get; init; }

    /// <summary>The party's country; taken from the address when not given on its own.</summary>
    public CountryCode? Country { get; init; }

    public ValueList<PartyIdentifier> Identifiers { get; init; }

    public string? Phone { get; init => field = Guard.Optional(value, "phone", 64); }

    public string? Email
    {
        get;
        init
        {
            var email = Guard.Optional(value, "email", 254);
            if (email is not null && (email.IndexOf('@', StringComparison.Ordinal) is var at && (at <= 0 || at == email.Length - 1)))
            {
                throw new DomainException("email", $"'{email}' is not an e-mail address");
            }
            field = email;
        }
    }

    /// <summary>The value of the first identifier of a scheme, such as <c>EORI</c>, or null.</summary>
    public string? IdentifierOf(string scheme)
    {
        foreach (var id in Identifiers)
        {
            if (string.Equals(id.Scheme, scheme, StringComparison.OrdinalIgnoreCase))
            {
                return id.Value;
            }
        }
        return null;
    }
}
