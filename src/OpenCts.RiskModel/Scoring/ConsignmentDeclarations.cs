using System.Globalization;
using OpenCts.Domain.Consignments;
using OpenCts.RiskModel.Declarations;

namespace OpenCts.RiskModel.Scoring;

/// <summary>Maps a live consignment to the model's declaration records, one per goods item.</summary>
/// <remarks>
/// Cargo data does not carry what only a declaration has (office, tax type and rate, import type and use, payment,
/// origin indicator): those are <see cref="Declaration.Unknown"/> (rate 0), so their encodings fall back to the
/// training prior and the score rests on parties, HS code, countries, mass and value.
/// </remarks>
public static class ConsignmentDeclarations
{
    /// <summary>The records of every goods item; <paramref name="fallbackDate"/> is used when the consignment gives no date.</summary>
    public static IReadOnlyList<Declaration> From(Consignment consignment, DateOnly fallbackDate)
    {
        var date = consignment.EstimatedArrival ?? consignment.Departure ?? consignment.Provenance?.ReceivedAt;
        var day = date is { } d ? DateOnly.FromDateTime(d.UtcDateTime) : fallbackDate;
        var importer = PartyKey(consignment.Consignee);
        var declarant = PartyKey(consignment.Declarant);
        var seller = PartyKey(consignment.Seller ?? consignment.Consignor);
        var courier = consignment.Carrier?.Code ?? "";
        var departure = consignment.PlaceOfLoading?.Country.Value ?? Declaration.Unknown;
        // UN/ECE Recommendation 19 codes times ten are the Korean mode codes of the training data (10 sea, 40 air, 50 post).
        var mode = ((int)consignment.Mode * 10).ToString(CultureInfo.InvariantCulture);
        var records = new List<Declaration>(consignment.Goods.Count);
        foreach (var item in consignment.Goods)
        {
            records.Add(new Declaration(
                Id: consignment.Document.Key + "#" + item.Sequence.ToString(CultureInfo.InvariantCulture),
                Date: day,
                Office: Declaration.Unknown,
                ProcessType: Declaration.Unknown,
                ImportType: Declaration.Unknown,
                ImportUse: Declaration.Unknown,
                PaymentType: Declaration.Unknown,
                TransportMode: mode,
                Declarant: declarant,
                Importer: importer,
                Seller: seller,
                Courier: courier,
                Hs6: item.HsCode?.Subheading ?? Declaration.Unknown,
                Departure: departure,
                Origin: item.Origin?.Value ?? Declaration.Unknown,
                TaxRate: 0,
                TaxType: Declaration.Unknown,
                OriginIndicator: Declaration.Unknown,
                NetMassKg: (double)(item.NetMassKg ?? item.GrossMassKg),
                ItemPrice: (double)(item.Value?.Amount ?? 0)));
        }
        return records;
    }

    /// <summary>A party's first registry identifier (its most stable name), else its name, else unknown.</summary>
    private static string PartyKey(Party? party)
    {
        if (party is null)
        {
            return Declaration.Unknown;
        }
        return party.Identifiers.Count > 0 ? party.Identifiers[0].Value : party.Name;
    }
}
