using OpenCts.Domain.Consignments;
using OpenCts.Domain.Filing;
using OpenCts.Storage;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Filing;

/// <summary>A consignment on the filing clock: its deadline, whether it was late, and its house or master counterparts.</summary>
/// <param name="Deadline">The deadline of its rule; null when no rule applies or its instants are missing.</param>
/// <param name="HoursBeforeLoading">Hours from receipt to loading; NaN when unknown.</param>
/// <param name="Role"><c>house</c> (filed under a master), <c>master</c> (with house filings, or declared a consolidation) or <c>direct</c>.</param>
/// <param name="Counterparts">The linked filings: the master of a house, the houses of a master.</param>
/// <param name="CounterpartMissing">Whether the counterpart was not filed by the deadline.</param>
public sealed record FilingStatus(FilingDeadline? Deadline, double HoursBeforeLoading, string Role, IReadOnlyList<string> Counterparts, bool CounterpartMissing);

/// <summary>Links house filings by a forwarder and master filings by the carrier through the master transport document number.</summary>
/// <remarks>
/// A house filing names its master's number; the master is the filing whose own number that is. A master expects houses
/// when it has some, or when its goods are declared a consolidation (CONSOL, CONSOLIDATION, as carriers write on a master
/// air waybill or ocean bill). Once the deadline has passed (the filing clock's, of the filing at hand) without the
/// counterpart, that is a finding: <see cref="DataQualityRules.CounterpartMissing"/>, which profiles read as
/// <c>filing.counterpartMissing</c>.
/// </remarks>
public sealed class FilingLinks(ICtsStore store)
{
    /// <summary>The filing status of a stored consignment at an instant.</summary>
    public async Task<FilingStatus> StatusAsync(StoredConsignment stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var consignment = stored.Consignment;
        var deadline = FilingClock.DeadlineOf(consignment);
        var hours = FilingClock.HoursBeforeLoading(consignment);
        var document = consignment.Document;
        if (document.MasterNumber is { } master)
        {
            var masters = await store.ConsignmentIndex.MastersNumberedAsync(master, cancellationToken).ConfigureAwait(false);
            return new FilingStatus(deadline, hours, "house", masters, masters.Count == 0 && deadline is { } d && now > d.Due);
        }
        if (IsMasterKind(document.Kind))
        {
            var houses = await store.ConsignmentIndex.HousesOfAsync(document.Number, cancellationToken).ConfigureAwait(false);
            var consolidation = DeclaredConsolidation(consignment);
            if (houses.Count > 0 || consolidation)
            {
                return new FilingStatus(deadline, hours, "master", houses, houses.Count == 0 && deadline is { } d && now > d.Due);
            }
        }
        return new FilingStatus(deadline, hours, "direct", [], false);
    }

    /// <summary>The consignment with the counterpart finding added when its counterpart is missing after the deadline; as it was otherwise.</summary>
    public async Task<Consignment> WithFindingAsync(StoredConsignment stored, DateTimeOffset now, CancellationToken cancellationToken) =>
        With(stored.Consignment, await FindingAsync(stored, now, cancellationToken).ConfigureAwait(false));

    /// <summary>The consignment with a finding of <see cref="FindingAsync"/> added, or as it was when there is none.</summary>
    public static Consignment With(Consignment consignment, DataQualityFinding? finding) =>
        finding is null ? consignment : consignment with { DataQuality = [.. consignment.DataQuality, finding] };

    /// <summary>The counterpart finding of a filing whose counterpart is missing after the deadline; null otherwise.</summary>
    /// <remarks>
    /// It reads the document, the instants, the goods' descriptions and the findings, none of which the e-commerce
    /// indicators change: a bulk run asks it of each consignment as read, beside the enriching, and adds it after.
    /// </remarks>
    public async Task<DataQualityFinding?> FindingAsync(StoredConsignment stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var consignment = stored.Consignment;
        // Only a filing past its deadline can miss a counterpart: the others are not looked up.
        if (FilingClock.DeadlineOf(consignment) is not { } deadline || now <= deadline.Due || FilingClock.CounterpartMissing(consignment))
        {
            return null;
        }
        if (consignment.Document.MasterNumber is null && !(IsMasterKind(consignment.Document.Kind) && DeclaredConsolidation(consignment)))
        {
            return null;
        }
        var status = await StatusAsync(stored, now, cancellationToken).ConfigureAwait(false);
        if (!status.CounterpartMissing)
        {
            return null;
        }
        return status.Role == "house"
            ? new DataQualityFinding("document.masterNumber", consignment.Document.MasterNumber, DataQualityRules.CounterpartMissing, $"no master filing of {consignment.Document.MasterNumber} was received by the deadline {deadline.Due:O}")
            : new DataQualityFinding("document.number", consignment.Document.Number, DataQualityRules.CounterpartMissing, $"the consolidation {consignment.Document.Number} has no house filing received by the deadline {deadline.Due:O}");
    }

    private static bool IsMasterKind(TransportDocumentKind kind) => kind is TransportDocumentKind.MasterAirWaybill or TransportDocumentKind.OceanBillOfLading;

    private static bool DeclaredConsolidation(Consignment consignment) =>
        consignment.Goods.Any(g => g.Description.Contains("CONSOL", StringComparison.OrdinalIgnoreCase));
}
