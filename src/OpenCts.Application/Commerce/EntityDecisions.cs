using OpenCts.Application.Audit;
using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;
using OpenCts.Storage;
using OpenCts.Storage.Commerce;

namespace OpenCts.Application.Commerce;

/// <summary>A merge or split that cannot be made: an unknown entity or record, or a split that would take every record.</summary>
public sealed class EntityDecisionException(string message) : InvalidOperationException(message);

/// <summary>How one party record came to be in its entity, for the consignment page.</summary>
/// <param name="Role">The party's role on the consignment.</param>
/// <param name="Name">The name as written.</param>
/// <param name="EntityId">The entity it was linked to.</param>
/// <param name="Reasons">Why, strongest first, as text an officer reads.</param>
public sealed record PartyLink(PartyRole Role, string Name, string EntityId, IReadOnlyList<string> Reasons);

/// <summary>Entities for the officers and analysts: what an entity holds, why a consignment's parties were linked, and the analysts' merges and splits, journaled.</summary>
public sealed class EntityDecisions(ICtsStore store, CommerceHost commerce, AuditTrail audit)
{
    private static readonly PartyRole[] Roles = [PartyRole.Consignor, PartyRole.Consignee, PartyRole.NotifyParty];

    // Held from applying a decision to the live index until it is stored, so decisions are stored in the order they were
    // applied: a build replays them in stored order, and two decisions stored the other way round could replay differently.
    private readonly SemaphoreSlim _deciding = new(1, 1);

    /// <summary>An entity's records, names, addresses, phones, e-mails and counterparties; null when there is no such entity.</summary>
    public async Task<EntityView?> EntityAsync(string entityId, CancellationToken cancellationToken)
    {
        var indicators = await commerce.CurrentAsync(cancellationToken).ConfigureAwait(false);
        return indicators.Read(index => index.Entity(entityId));
    }

    /// <summary>The entity of each party of a consignment and why its record joined it; empty when the consignment was not enriched yet.</summary>
    public async Task<IReadOnlyList<PartyLink>> LinksOfAsync(string documentKey, CancellationToken cancellationToken)
    {
        var indicators = await commerce.CurrentAsync(cancellationToken).ConfigureAwait(false);
        return indicators.Read(index =>
        {
            var links = new List<PartyLink>();
            foreach (var role in Roles)
            {
                if (index.EntityOf(documentKey, role) is not { } entity)
                {
                    continue;
                }
                var view = index.Entity(entity);
                var name = view?.Records.FirstOrDefault(r => r.DocumentKey == documentKey && r.Role == role)?.Name ?? "";
                links.Add(new PartyLink(role, name, entity, [.. index.Explain(documentKey, role).Select(r => r.Text)]));
            }
            return (IReadOnlyList<PartyLink>)links;
        });
    }

    /// <summary>The entity facts of a consignment's parties (30-day parcels and value among them) as they stand now; empty when the consignment was not enriched yet.</summary>
    public async Task<IReadOnlyDictionary<PartyRole, OpenCts.Domain.Commerce.EntityFacts>> FactsOfAsync(string documentKey, CancellationToken cancellationToken)
    {
        var indicators = await commerce.CurrentAsync(cancellationToken).ConfigureAwait(false);
        return indicators.Read(index =>
        {
            var facts = new Dictionary<PartyRole, OpenCts.Domain.Commerce.EntityFacts>();
            foreach (var role in Roles)
            {
                if (index.FactsOf(documentKey, role) is { } f)
                {
                    facts[role] = f;
                }
            }
            return (IReadOnlyDictionary<PartyRole, OpenCts.Domain.Commerce.EntityFacts>)facts;
        });
    }

    /// <summary>Merges <paramref name="other"/> into <paramref name="entityId"/>: the decision is stored, journaled and audited, then applied.</summary>
    /// <exception cref="EntityDecisionException">An id is not an entity, or the two are one already.</exception>
    public async Task<EntityChange> MergeAsync(string entityId, string other, string reason, string user, CancellationToken cancellationToken)
    {
        var indicators = await commerce.CurrentAsync(cancellationToken).ConfigureAwait(false);
        RequireReason(reason);
        var decision = new EntityDecision(0, EntityDecision.Merge, entityId, other, [], reason.Trim(), user, store.Clock.GetUtcNow());
        return await DecideAsync(indicators, decision, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes records out of an entity into a new one, which later records cannot join through the same keys.</summary>
    /// <exception cref="EntityDecisionException">The entity or a record is unknown, a record is in another entity, or the split would take every record.</exception>
    public async Task<EntityChange> SplitAsync(string entityId, IReadOnlyCollection<(string DocumentKey, PartyRole Role)> records, string reason, string user, CancellationToken cancellationToken)
    {
        var indicators = await commerce.CurrentAsync(cancellationToken).ConfigureAwait(false);
        RequireReason(reason);
        if (records.Count == 0)
        {
            throw new EntityDecisionException("a split names at least one record to take out");
        }
        var decision = new EntityDecision(0, EntityDecision.Split, entityId, null, [.. records.Select(r => $"{r.DocumentKey}|{r.Role}")], reason.Trim(), user, store.Clock.GetUtcNow());
        return await DecideAsync(indicators, decision, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies a stored decision while the indicators are rebuilt; one that no longer applies (its entity is gone) is passed over.</summary>
    internal static void Replay(CommerceIndicators indicators, EntityDecision decision)
    {
        try
        {
            indicators.Read(index => Apply(index, decision));
        }
        catch (ArgumentException)
        {
            // The records it named were amended or purged since: the analyst's decision has nothing left to act on.
        }
    }

    private async Task<EntityChange> DecideAsync(CommerceIndicators indicators, EntityDecision decision, CancellationToken cancellationToken)
    {
        // Tried first on the live index under its lock, so a decision that cannot be applied is never stored; the two
        // writes that follow are the store's, and a crash between them is mended by the next build's replay.
        EntityChange change;
        await _deciding.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                change = indicators.Read(index => Apply(index, decision));
                indicators.NoteLiveDecision();
            }
            catch (ArgumentException e)
            {
                throw new EntityDecisionException(e.Message);
            }
            // Not cancelled once applied to the live index: a decision the index holds must be stored too.
            await store.Commerce.SaveDecisionAsync(decision, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _deciding.Release();
        }
        await audit.RecordAsync(decision.DecidedBy, $"entity-{decision.Kind}", decision.EntityId, $"{change.Description}; reason: {decision.Reason}", cancellationToken).ConfigureAwait(false);
        return change;
    }

    private static EntityChange Apply(EntityIndex index, EntityDecision decision) =>
        decision.Kind == EntityDecision.Merge
            ? index.Merge(decision.EntityId, decision.OtherEntityId ?? throw new ArgumentException("a merge names two entities"))
            : index.Split(decision.EntityId, [.. decision.Records.Select(ParseRecord)]);

    private static (string DocumentKey, PartyRole Role) ParseRecord(string record)
    {
        var bar = record.LastIndexOf('|');
        return bar > 0 && Enum.TryParse<PartyRole>(record[(bar + 1)..], out var role)
            ? (record[..bar], role)
            : throw new ArgumentException($"record '{record}' is not documentKey|role");
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new EntityDecisionException("a merge or split needs a reason");
        }
    }
}
