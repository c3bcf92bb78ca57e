using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Targeting.Tests.Profiles;

/// <summary>Small hand-made consignments for the profile language tests.</summary>
internal static class Consignments
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static GoodsItem Item(int sequence, string hs, decimal kg, decimal value, string origin, string description = "General cargo") =>
        new(sequence, HsCode.Parse(hs), description, 10, "CT", kg, kg * 0.9m, new Money(value, CurrencyCode.Parse("USD")), CountryCode.Parse(origin));

    public static Party Party(PartyRole role, string name, string country, string? eori = null) =>
        new(role, name, country: CountryCode.Parse(country), identifiers: eori is null ? default : [new PartyIdentifier("EORI", eori)]);

    public static Consignment Sea(
        ValueList<GoodsItem> goods,
        string consignorCountry = "CN",
        string consignorName = "Shenzhen Bright Trading Co",
        string loading = "CNSHA",
        string[]? route = null,
        DateTimeOffset? arrival = null,
        Direction direction = Direction.Import) =>
        new(
            new TransportDocument("MAEU123456789", TransportDocumentKind.OceanBillOfLading),
            direction,
            TransportMode.Sea,
            [Party(PartyRole.Consignor, consignorName, consignorCountry), Party(PartyRole.Consignee, "Holland Import BV", "NL", "NL123456789")],
            goods,
            new Carrier("Maersk", "MAEU"),
            new Conveyance("Maersk Essen", ImoNumber.Parse("9632179"), "123W"),
            UnLocode.Parse(loading),
            UnLocode.Parse("NLRTM"),
            UnLocode.Parse("NLAMS"),
            new ValueList<CountryCode>((route ?? [loading[..2], "NL"]).Select(c => CountryCode.Parse(c))),
            Now.AddDays(-20),
            arrival ?? Now.AddDays(2),
            [new Equipment(ContainerNumber.Parse("MSKU1234565"), "45G1", ["ML123456"])]);

    public static Consignment Phones(decimal valuePerKg = 10) =>
        Sea([Item(1, "940171", 1000, 5000, "CN", "Chairs"), Item(2, "85171300", 2000, 2000 * valuePerKg, "CN", "Smartphones")]);
}

/// <summary>A screener that knows a few names exactly, standing in for the watch-list index in language tests.</summary>
internal sealed class ExactNameScreening(params (string List, string Name)[] entries) : OpenCts.Targeting.Profiles.Compilation.IScreeningFunction
{
    public double BestScore(Party party, string? list) =>
        entries.Any(e => (list is null || e.List == list) && string.Equals(e.Name, party.Name, StringComparison.OrdinalIgnoreCase)) ? 1.0 : 0.0;
}
