using OpenCts.Application.Commerce;
using OpenCts.Application.Privacy;
using OpenCts.Commerce.Entities;

namespace OpenCts.Server.Commerce;

/// <summary>One record of an entity in the API: the consignment, the party's role on it, the name as written, and when.</summary>
public sealed record EntityRecordView(string DocumentKey, string Role, string Name, DateTimeOffset At);

/// <summary>An entity on the same consignments in another role, with how many they share.</summary>
public sealed record CounterpartyView(string EntityId, string Name, string Role, int Consignments);

/// <summary>An entity as the API answers it; names, addresses, phones and e-mails are masked for roles without the need.</summary>
public sealed record EntityApiView(
    string Id,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Consignments,
    int Examined,
    int Seizures,
    IReadOnlyList<string> NameVariants,
    IReadOnlyList<string> Addresses,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyList<EntityRecordView> Records,
    IReadOnlyList<CounterpartyView> Counterparties,
    bool Masked);

/// <summary>A party of a consignment, the entity it was linked to, and why.</summary>
public sealed record PartyLinkView(string Role, string Name, string EntityId, IReadOnlyList<string> Reasons);

/// <summary>What a merge or split changed.</summary>
public sealed record EntityChangeView(string EntityId, string Other, int RecordsMoved, string Description);

/// <summary>Maps the core's entity values to the API's, masking personal data where the caller may not see it.</summary>
public static partial class EntityViews
{
    /// <summary>The entity, masked when <paramref name="masked"/>.</summary>
    public static EntityApiView Entity(EntityView view, bool masked)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new EntityApiView(
            view.EntityId, view.FirstSeen, view.LastSeen, view.Consignments, view.Examined, view.Seizures,
            [.. view.NameVariants.Select(n => Show(n, masked))],
            [.. view.Addresses.Select(a => Show(a, masked))],
            [.. view.Phones.Select(p => Show(p, masked))],
            [.. view.Emails.Select(e => Show(e, masked))],
            [.. view.Records.Select(r => new EntityRecordView(r.DocumentKey, r.Role.ToString(), Show(r.Name, masked), r.At))],
            [.. view.Counterparties.Select(c => new CounterpartyView(c.EntityId, Show(c.Name, masked), c.Role.ToString(), c.Consignments))],
            masked);
    }

    /// <summary>A consignment's party links; the names masked when <paramref name="masked"/>.</summary>
    /// <remarks>The reasons quote the keys that matched (a phone, an e-mail), so they are masked word by word as well.</remarks>
    public static PartyLinkView Link(PartyLink link, bool masked)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new PartyLinkView(link.Role.ToString(), Show(link.Name, masked), link.EntityId, [.. link.Reasons.Select(r => masked ? MaskQuoted(r) : r)]);
    }

    /// <summary>The change of a merge or split.</summary>
    public static EntityChangeView Change(EntityChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new EntityChangeView(change.EntityId, change.Other, change.RecordsMoved, change.Description);
    }

    private static string Show(string value, bool masked) => masked ? PersonalDataMask.Mask(value) : value;

    /// <summary>Masks every word of a reason except the words that say what matched, entity ids, document keys, roles and scores.</summary>
    /// <remarks>
    /// A reason quotes the e-mail, phone, name or address that matched, in a shape that differs by kind; keeping only
    /// known words errs on the side of masking, as the consignment page does.
    /// </remarks>
    private static string MaskQuoted(string reason) =>
        string.Join(' ', reason.Split(' ').Select(word => Structural(word) ? word : PersonalDataMask.Mask(word)));

    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "same", "e-mail", "phone", "name", "at", "the", "address", "as", "here", "and", "on", "in", "postcode", "merged", "into", "when",
        "matched", "both:", "first", "record", "of", "no", "earlier", "its", "identifiers,", "or", "an", "analyst", "split", "it", "off", "≈",
        "Consignor", "Consignee", "NotifyParty", "Consignor)", "Consignee)", "NotifyParty)", "EORI", "identifier",
    };

    private static bool Structural(string word) =>
        Words.Contains(word) || Words.Contains(word.Trim('(', ')', ':', ',')) || EntityOrDocument().IsMatch(word.Trim('(', ')', ':', ','));

    [System.Text.RegularExpressions.GeneratedRegex(@"^(E-[0-9]+|[A-Z][A-Z0-9]+(-[A-Z0-9]+)+|[0-9]\.[0-9]+)$")]
    private static partial System.Text.RegularExpressions.Regex EntityOrDocument();
}
