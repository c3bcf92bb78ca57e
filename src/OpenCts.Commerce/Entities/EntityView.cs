using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Entities;

/// <summary>Everything the entity page shows: its records, the names, addresses, phones and e-mails it used, counts and counterparties.</summary>
/// <param name="EntityId">The entity's id, such as <c>E-000123</c>.</param>
/// <param name="FirstSeen">The earliest record's instant.</param>
/// <param name="LastSeen">The latest record's instant.</param>
/// <param name="Consignments">Distinct consignments.</param>
/// <param name="Examined">Of those, examined.</param>
/// <param name="Seizures">Of those, examinations that found something.</param>
/// <param name="Records">Each record, oldest first.</param>
/// <param name="NameVariants">Distinct normalised names.</param>
/// <param name="Addresses">Distinct normalised addresses.</param>
/// <param name="Phones">Distinct phones in E.164.</param>
/// <param name="Emails">Distinct canonical e-mails.</param>
/// <param name="Counterparties">Entities on the same consignments in another role, most shared first.</param>
public sealed record EntityView(
    string EntityId,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Consignments,
    int Examined,
    int Seizures,
    IReadOnlyList<EntityRecord> Records,
    IReadOnlyList<string> NameVariants,
    IReadOnlyList<string> Addresses,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    IReadOnlyList<Counterparty> Counterparties);

/// <summary>One record of an entity on its page.</summary>
/// <param name="DocumentKey">The consignment.</param>
/// <param name="Role">The party's role on it.</param>
/// <param name="Name">The name as written.</param>
/// <param name="At">The consignment's instant.</param>
public sealed record EntityRecord(string DocumentKey, PartyRole Role, string Name, DateTimeOffset At);

/// <summary>An entity that appears on the same consignments as another, in another role: an edge of the network.</summary>
/// <param name="EntityId">The counterparty entity.</param>
/// <param name="Name">The name it used most recently.</param>
/// <param name="Role">Its role on the shared consignments (the most frequent).</param>
/// <param name="Consignments">How many consignments the two share.</param>
public sealed record Counterparty(string EntityId, string Name, PartyRole Role, int Consignments);

/// <summary>What an analyst's merge or split changed.</summary>
/// <param name="EntityId">The entity that remains (merge) or was made (split).</param>
/// <param name="Other">The entity absorbed (merge) or split from (split).</param>
/// <param name="RecordsMoved">How many records changed entity.</param>
/// <param name="Description">The sentence for the audit trail.</param>
public sealed record EntityChange(string EntityId, string Other, int RecordsMoved, string Description);
