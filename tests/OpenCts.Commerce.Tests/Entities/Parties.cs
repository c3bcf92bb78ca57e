using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Tests.Entities;

/// <summary>Short ways to write party records in tests.</summary>
internal static class Parties
{
    public static readonly DateTimeOffset Day0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static PartyRecord Consignee(
        string doc,
        string name,
        string? street = null,
        string? city = null,
        string? postcode = null,
        string? country = "NL",
        string? phone = null,
        string? email = null,
        double day = 0,
        double value = 10,
        PartyRole role = PartyRole.Consignee,
        params PartyIdentifier[] ids) =>
        new(doc, role, name, street, city, postcode, country, phone, email, ids, Day0.AddDays(day), value);
}
