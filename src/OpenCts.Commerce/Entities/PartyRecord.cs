using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Entities;

/// <summary>One party as named on one consignment, as the entity index reads it.</summary>
/// <param name="DocumentKey">The consignment's key (its transport document), unique per consignment.</param>
/// <param name="Role">The party's role on it.</param>
/// <param name="Name">The name as written.</param>
/// <param name="Street">Street line as written, house number and flat included.</param>
/// <param name="City">City as written.</param>
/// <param name="Postcode">Postcode as written.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country of the party, used to read national phone numbers.</param>
/// <param name="Phone">Phone as written.</param>
/// <param name="Email">E-mail as written.</param>
/// <param name="Identifiers">Registry identifiers (EORI, TIN...).</param>
/// <param name="At">When the consignment was received or arrived: the instant its 30-day windows end at.</param>
/// <param name="ValueNational">The consignment's declared value in the national currency.</param>
public sealed record PartyRecord(
    string DocumentKey,
    PartyRole Role,
    string Name,
    string? Street,
    string? City,
    string? Postcode,
    string? Country,
    string? Phone,
    string? Email,
    IReadOnlyList<PartyIdentifier> Identifiers,
    DateTimeOffset At,
    double ValueNational)
{
    /// <summary>The record of a domain <see cref="Party"/> on the consignment <paramref name="documentKey"/>.</summary>
    public static PartyRecord From(string documentKey, Party party, DateTimeOffset at, double valueNational)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new PartyRecord(
            documentKey,
            party.Role,
            party.Name,
            party.Address?.Street,
            party.Address?.City,
            party.Address?.Postcode,
            (party.Country ?? party.Address?.Country)?.Value,
            party.Phone,
            party.Email,
            [.. party.Identifiers],
            at,
            valueNational);
    }
}
