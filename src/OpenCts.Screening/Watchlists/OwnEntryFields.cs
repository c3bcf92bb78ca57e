using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Domain.Watchlists;

namespace OpenCts.Screening.Watchlists;

/// <summary>Checks the fields of an entry of our own list layouts (CSV and JSON) the same way for both.</summary>
internal static class OwnEntryFields
{
    /// <summary>The kind named by a field; null if the text names no kind.</summary>
    public static SubjectKind? Kind(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "unknown" => SubjectKind.Unknown,
        "person" or "individual" => SubjectKind.Person,
        "organisation" or "organization" or "entity" or "company" => SubjectKind.Organisation,
        "vessel" or "ship" => SubjectKind.Vessel,
        "aircraft" => SubjectKind.Aircraft,
        _ => null,
    };

    /// <summary>An identifier, with IMO and container numbers checked (check digit) and written in their canonical form; the error says why not.</summary>
    public static PartyIdentifier? Identifier(string scheme, string value, out string error)
    {
        error = "";
        scheme = scheme.Trim();
        value = value.Trim();
        if (scheme.Length == 0 || value.Length == 0)
        {
            error = "an identifier needs a scheme and a value, as in IMO:9187629";
            return null;
        }
        switch (scheme.ToUpperInvariant())
        {
            case "IMO":
                if (!ImoNumber.TryParse(value, out var imo, out error))
                {
                    return null;
                }
                value = imo.Value.Value;
                break;
            case "CONTAINER":
                if (!ContainerNumber.TryParse(value, out var container, out error))
                {
                    return null;
                }
                value = container.Value.Value;
                break;
            default:
                break;
        }
        try
        {
            return new PartyIdentifier(scheme, value);
        }
        catch (DomainException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>The entry, or the reason it cannot be one.</summary>
    public static WatchlistEntry Entry(
        string list, string id, SubjectKind kind, string name, List<string> aliases, List<string> addresses, List<string> countries,
        List<PartyIdentifier> identifiers, string? programs, string? remarks) =>
        new(list.Trim(), id.Trim(), kind, name.Trim(), aliases, addresses, countries, identifiers,
            string.IsNullOrWhiteSpace(programs) ? null : programs.Trim(), string.IsNullOrWhiteSpace(remarks) ? null : remarks.Trim());
}
