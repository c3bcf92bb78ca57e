using System.Globalization;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Entities;

public sealed partial class EntityIndex
{
    /// <summary>
    /// Why a document's party is in its entity: the link it joined by, then each merge that brought its entity where it
    /// is now, as sentences an officer reads. Empty when the index has no such record.
    /// </summary>
    public IReadOnlyList<LinkReason> Explain(string documentKey, PartyRole role)
    {
        var index = FindRecord(documentKey, role);
        if (index < 0)
        {
            return [];
        }
        var reasons = new List<LinkReason>();
        ref readonly var record = ref records[index];
        var kind = (LinkKind)record.Kind;
        reasons.Add(kind switch
        {
            LinkKind.NewEntity => new LinkReason(kind, $"first record of {IdOf(record.Entity)}: no earlier record matched its identifiers, e-mail, phone or name and address", null, 1),
            LinkKind.AnalystSplit => new LinkReason(kind, $"an analyst split it off into {IdOf(record.Entity)}", null, 1),
            _ => Describe(kind, index, record.Other, record.Score),
        });
        for (var slot = record.Entity; mergeCauses.TryGetValue(slot, out var cause); slot = cause.Into)
        {
            var into = cause.Into;
            if (cause.Kind == LinkKind.AnalystMerge)
            {
                reasons.Add(new LinkReason(cause.Kind, $"an analyst merged {IdOf(slot)} into {IdOf(into)}", null, 1));
                continue;
            }
            var link = Describe(cause.Kind, cause.Record, cause.Other, cause.Score);
            var newcomer = records[cause.Record];
            reasons.Add(link with
            {
                Text = $"{IdOf(slot)} merged into {IdOf(into)} when {DocKeyOf(newcomer.Doc)} {(PartyRole)newcomer.Role} matched both: {link.Text}",
            });
        }
        return reasons;
    }

    /// <summary>The sentence for a link from one record to the one it matched.</summary>
    private LinkReason Describe(LinkKind kind, int record, int other, double score)
    {
        var mine = RawOf(record);
        var theirs = RawOf(other);
        var otherDoc = DocKeyOf(records[other].Doc);
        var on = $"on {otherDoc}";
        string text;
        switch (kind)
        {
            case LinkKind.Identifier:
                var mineIds = PartyProbe.Of(mine).Identifiers;
                var common = PartyProbe.Of(theirs).Identifiers.FirstOrDefault(mineIds.Contains) ?? "identifier";
                text = $"same {common.Replace(':', ' ')} ({on})";
                break;
            case LinkKind.Email:
                text = string.Equals(mine.Email, theirs.Email, StringComparison.Ordinal)
                    ? $"same e-mail {mine.Email} ({on})"
                    : $"same e-mail {mine.Email} (as {theirs.Email} {on})";
                break;
            case LinkKind.Phone:
                var e164 = PhoneNormaliser.Normalise(mine.Phone, mine.Country);
                text = string.Equals(mine.Phone, theirs.Phone, StringComparison.Ordinal)
                    ? $"same phone {e164} ({on})"
                    : $"same phone {e164} (as {mine.Phone} here and {theirs.Phone} {on})";
                break;
            case LinkKind.NameAndAddress:
            {
                var probe = PartyProbe.Of(mine);
                text = $"same name \"{probe.Name.Key}\" at the same address {SharedAddress(probe, PartyProbe.Of(theirs))} ({on})";
                break;
            }
            case LinkKind.FuzzyNameAndAddress:
            {
                var probe = PartyProbe.Of(mine);
                var them = PartyProbe.Of(theirs);
                text = $"name \"{probe.Name.Key}\" ≈ \"{them.Name.Key}\" ({Score(score)}) at the same address {SharedAddress(probe, them)} ({on})";
                break;
            }
            case LinkKind.FuzzyNameAndPostcode:
            {
                var probe = PartyProbe.Of(mine);
                var them = PartyProbe.Of(theirs);
                text = $"name \"{probe.Name.Key}\" ≈ \"{them.Name.Key}\" ({Score(score)}) in the same postcode {probe.Address.Postcode} ({on})";
                break;
            }
            default:
                text = $"{kind} ({on})";
                break;
        }
        return new LinkReason(kind, text, otherDoc, score);
    }

    private static string Score(double score) => score.ToString("0.00", CultureInfo.InvariantCulture);

    private static string SharedAddress(PartyProbe mine, PartyProbe theirs) =>
        mine.AddressKey is not null && mine.AddressKey == theirs.AddressKey ? mine.Address.Display : $"{mine.Address.City} {mine.Address.Street} {mine.Address.HouseNumber}".Trim();

    /// <summary>The entity page: its records, what it used, its counts and counterparties; null for an unknown id.</summary>
    /// <remarks>An id that was merged into another shows the entity it is part of now.</remarks>
    public EntityView? Entity(string entityId)
    {
        int root;
        try
        {
            root = Find(SlotOf(entityId, nameof(entityId)));
        }
        catch (ArgumentException)
        {
            return null;
        }
        ref readonly var entity = ref entities[root];
        var list = new List<EntityRecord>(entity.RecordCount);
        var nameVariants = new SortedSet<string>(StringComparer.Ordinal);
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        var phones = new SortedSet<string>(StringComparer.Ordinal);
        var emails = new SortedSet<string>(StringComparer.Ordinal);
        var partners = new Dictionary<int, (HashSet<int> Docs, Dictionary<PartyRole, int> Roles, long Ticks, string Name)>();
        long first = long.MaxValue, last = long.MinValue;
        for (var r = entity.Head; r >= 0; r = records[r].NextInEntity)
        {
            ref readonly var record = ref records[r];
            var raw = RawOf(r);
            var probe = PartyProbe.Of(raw);
            list.Add(new EntityRecord(DocKeyOf(record.Doc), (PartyRole)record.Role, raw.Name, new DateTimeOffset(record.Ticks, TimeSpan.Zero)));
            nameVariants.Add(names[record.NameId]);
            if (probe.AddressKey is not null)
            {
                addresses.Add(probe.Address.ToString());
            }
            if (probe.Phone is { } phone)
            {
                phones.Add(phone);
            }
            if (probe.Email is { } email)
            {
                emails.Add(email);
            }
            first = Math.Min(first, record.Ticks);
            last = Math.Max(last, record.Ticks);
            for (var o = docSlots[record.Doc].FirstRecord; o >= 0; o = records[o].NextInDoc)
            {
                var partner = Find(records[o].Entity);
                if (o == r || partner == root || records[o].Role == record.Role)
                {
                    continue;
                }
                if (!partners.TryGetValue(partner, out var edge))
                {
                    edge = ([], [], long.MinValue, "");
                }
                edge.Docs.Add(record.Doc);
                edge.Roles[(PartyRole)records[o].Role] = edge.Roles.GetValueOrDefault((PartyRole)records[o].Role) + 1;
                if (records[o].Ticks >= edge.Ticks)
                {
                    edge = (edge.Docs, edge.Roles, records[o].Ticks, RawOf(o).Name);
                }
                partners[partner] = edge;
            }
        }
        list.Sort((x, y) => x.At != y.At ? x.At.CompareTo(y.At) : string.CompareOrdinal(x.DocumentKey, y.DocumentKey));
        var counterparties = partners
            .Select(p => new Counterparty(IdOf(p.Key), p.Value.Name, p.Value.Roles.OrderByDescending(x => x.Value).ThenBy(x => x.Key).First().Key, p.Value.Docs.Count))
            .OrderByDescending(c => c.Consignments)
            .ThenBy(c => c.EntityId, StringComparer.Ordinal)
            .ToList();
        return new EntityView(
            IdOf(root),
            new DateTimeOffset(first, TimeSpan.Zero),
            new DateTimeOffset(last, TimeSpan.Zero),
            entity.Consignments,
            entity.Examined,
            entity.Seizures,
            list,
            [.. nameVariants],
            [.. addresses],
            [.. phones],
            [.. emails],
            counterparties);
    }
}
