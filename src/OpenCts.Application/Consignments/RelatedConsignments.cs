using System.Text;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Decisions;
using OpenCts.Storage;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Consignments;

/// <summary>Another consignment that shares something with the one an officer reads: what they share, its lane, and the decisions on it.</summary>
/// <param name="Consignment">Its current version.</param>
/// <param name="Assessment">Its assessment in force, or null when it has none yet.</param>
/// <param name="Shared">What links the two, such as <c>party: BLUE SKY SHIPPING TRADING LLC</c> or <c>container: MSCU1234565</c>.</param>
/// <param name="Decisions">Every decision taken on it, oldest first: the earlier hits and decisions of the same parties.</param>
public sealed record RelatedConsignment(StoredConsignment Consignment, Assessment? Assessment, IReadOnlyList<string> Shared, IReadOnlyList<Decision> Decisions);

/// <summary>Finds the consignments in force that share a party, a container or an address with another one.</summary>
/// <remarks>
/// Party names and addresses are compared after folding case, punctuation and runs of spaces, so that
/// <c>Blue Sky Shipping, L.L.C.</c> and <c>BLUE SKY SHIPPING LLC</c> meet; anything closer to fuzzy matching is the screening engine's work.
/// </remarks>
public sealed class RelatedConsignments(ICtsStore store)
{
    /// <summary>The related consignments, the most links first, then the newest; empty when the document is unknown.</summary>
    public async Task<IReadOnlyList<RelatedConsignment>> OfAsync(string documentKey, int limit, CancellationToken cancellationToken)
    {
        var versions = await store.Messages.VersionsAsync(documentKey, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return [];
        }
        var keys = KeysOf(versions[^1].Consignment);
        var found = new List<(StoredConsignment Stored, List<string> Shared)>();
        foreach (var other in await store.Messages.CurrentAsync(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(other.DocumentKey, documentKey, StringComparison.Ordinal))
            {
                continue;
            }
            var shared = KeysOf(other.Consignment).Where(k => keys.ContainsKey(k.Key)).Select(k => keys[k.Key]).Distinct(StringComparer.Ordinal).ToList();
            if (shared.Count > 0)
            {
                found.Add((other, shared));
            }
        }
        var related = new List<RelatedConsignment>();
        foreach (var (stored, shared) in found.OrderByDescending(f => f.Shared.Count).ThenByDescending(f => f.Stored.Consignment.Provenance?.ReceivedAt).Take(limit))
        {
            var assessment = (await store.Assessments.OfAsync(stored.DocumentKey, cancellationToken).ConfigureAwait(false)).LastOrDefault(a => a.ConsignmentVersion == stored.Version);
            var decisions = await store.Decisions.OfAsync(stored.DocumentKey, cancellationToken).ConfigureAwait(false);
            related.Add(new RelatedConsignment(stored, assessment, shared, decisions));
        }
        return related;
    }

    /// <summary>What a consignment can share with another, by folded key, each with the label an officer reads.</summary>
    private static Dictionary<string, string> KeysOf(Consignment consignment)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var party in consignment.Parties)
        {
            keys.TryAdd("party:" + Fold(party.Name), "party: " + party.Name);
            if (party.Address is { Street: not null } address)
            {
                keys.TryAdd("address:" + Fold(address.ToString()), "address: " + address);
            }
        }
        foreach (var container in consignment.Equipment.Select(e => e.ContainerNumber.ToString()).Concat(consignment.Goods.SelectMany(g => g.Containers)))
        {
            keys.TryAdd("container:" + Fold(container), "container: " + container);
        }
        return keys;
    }

    /// <summary>Upper case letters and digits, single spaces between words, punctuation dropped (<c>b.v.</c> is <c>BV</c>).</summary>
    internal static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsWhiteSpace(c) && folded.Length > 0 && folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }
        return folded.ToString().TrimEnd();
    }
}
