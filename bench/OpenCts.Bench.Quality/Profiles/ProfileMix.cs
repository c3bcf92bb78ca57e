using OpenCts.Domain.Assessments;

namespace OpenCts.Bench.Quality.Profiles;

/// <summary>Generates a realistic customs mix of selective risk profiles, as a targeting centre runs them.</summary>
/// <remarks>
/// Profiles key on commodities (HS prefixes), origins, routes and destinations with value thresholds below the
/// normal range, so that, as in practice, most consignments meet no profile and a risky one meets one or two.
/// The same seed gives the same mix.
/// </remarks>
public static class ProfileMix
{
    private static readonly string[] SeaHs = ["080390", "080440", "090111", "180100", "847130", "851713", "850440", "940171", "640399", "610910", "620342", "870323", "870899", "392690", "721049", "440710", "030617", "200911", "392010", "950300", "940540", "732393", "848180", "401110", "271019"];
    private static readonly string[] AirHs = ["851713", "847130", "854231", "901839", "300490", "060311", "030214", "710239", "910211", "420221", "880330", "902780"];
    private static readonly string[] ParcelHs = ["640411", "610910", "711719", "851762", "850760", "851830", "420221", "910211", "640399", "330499", "950300", "392690"];
    private static readonly string[] Origins = ["CN", "VN", "IN", "TR", "BD", "PK", "TW", "KR", "MY", "TH", "ID", "HK", "EC", "CO", "PE", "BR", "MX", "US", "DE", "AE", "RU", "CL", "KE", "ZA"];
    private static readonly string[] CocaineSources = ["CO", "EC", "PE", "BO", "VE", "BR"];
    private static readonly string[] Hubs = ["PA", "AE", "TR", "AM", "KG", "SG", "MA", "ES"];
    private static readonly string[] Restricted = ["RU", "BY", "IR", "KP", "SY"];
    private static readonly string[] Dual = ["854231", "902780", "880330", "848180", "847130", "901839"];

    // The lowest usual price per kg of each commodity in USD: undervaluation thresholds sit well below it.
    private static readonly Dictionary<string, double> UsualLowPerKg = new(StringComparer.Ordinal)
    {
        ["0803"] = 0.6, ["0804"] = 1.8, ["0901"] = 2.5, ["1801"] = 2.0, ["8471"] = 250, ["851713"] = 800, ["851762"] = 40, ["8504"] = 25,
        ["9401"] = 4, ["6403"] = 25, ["6404"] = 30, ["6109"] = 12, ["6203"] = 15, ["8703"] = 9, ["8708"] = 6, ["3926"] = 3, ["3924"] = 5,
        ["7210"] = 0.7, ["4407"] = 0.3, ["0306"] = 6, ["2009"] = 1.5, ["3920"] = 1.5, ["9503"] = 6, ["9405"] = 8, ["7323"] = 5,
        ["8481"] = 10, ["4011"] = 3, ["2710"] = 1.0, ["8542"] = 2000, ["9018"] = 60, ["3004"] = 80, ["3002"] = 100, ["0603"] = 4,
        ["0302"] = 8, ["7102"] = 500000, ["9102"] = 200, ["420221"] = 150, ["4202"] = 15, ["8803"] = 150, ["9027"] = 400,
        ["8518"] = 60, ["3304"] = 40, ["7117"] = 30, ["8507"] = 20, ["8516"] = 8,
    };

    /// <summary>The lowest usual price of any commodity under the prefix (or of the heading it falls in).</summary>
    private static double UsualLow(string prefix)
    {
        var prices = UsualLowPerKg.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(p.Key, StringComparison.Ordinal)).Select(p => p.Value).ToList();
        return prices.Count > 0 ? prices.Min() : 1.0;
    }

    /// <summary>The profiles of the mix as structured rules.</summary>
    public static IReadOnlyList<MixRule> Generate(int count, int seed = 7)
    {
        var random = new Random(seed);
        var rules = new List<MixRule>(count);
        T Pick<T>(T[] items) => items[random.Next(items.Length)];
        string[] Some(string[] items, int max) => [.. items.OrderBy(_ => random.Next()).Take(1 + random.Next(max))];
        string Prefix(string hs) => hs.Length > 4 && random.NextDouble() < 0.5 ? hs[..6] : hs[..4];
        MixItemRule Undervalued(string hs, string[]? origins)
        {
            var prefix = Prefix(hs);
            return new([prefix], origins, MaxValuePerKg: Math.Round(UsualLow(prefix) * (0.05 + random.NextDouble() * 0.3), 2));
        }
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var id = $"MIX-{i:0000}";
            rules.Add(roll switch
            {
                // Undervaluation of one commodity, often from named origins.
                < 0.35 => new MixRule(id, ThreatCategory.RevenueAndValuation, ProfileAction.DocumentaryCheck, 20 + random.Next(30),
                    Item: Undervalued(Pick(random.NextDouble() < 0.6 ? SeaHs : AirHs), random.NextDouble() < 0.6 ? Some(Origins, 3) : null)),
                // Cocaine in perishables from source countries or through hubs, unknown consignee.
                < 0.50 => new MixRule(id, ThreatCategory.Narcotics, ProfileAction.RedLane, 60 + random.Next(40),
                    Mode: "Sea",
                    ConsignorCountries: random.NextDouble() < 0.7 ? Some(CocaineSources, 3) : null,
                    PassesThrough: random.NextDouble() < 0.5 ? [Pick(Hubs)] : null,
                    ConsigneeWithoutEori: true,
                    Item: new MixItemRule([Pick(["0803", "0804", "0901", "1801", "0306", "2009", "4407"])], MinGrossMass: random.NextDouble() < 0.3 ? 5000 + random.Next(10000) : null)),
                // Counterfeits in parcels and air cargo: brand-sensitive goods at giveaway values.
                < 0.62 => new MixRule(id, ThreatCategory.Ipr, ProfileAction.YellowLane, 25 + random.Next(25),
                    Mode: random.NextDouble() < 0.5 ? "Air" : "Postal",
                    Item: Undervalued(Pick(ParcelHs), Some(["CN", "HK", "TR", "TH", "VN"], 2))),
                // Dual-use goods exported towards restricted destinations or through diversion hubs.
                < 0.72 => new MixRule(id, ThreatCategory.StrategicAndDualUse, ProfileAction.Hold, 70 + random.Next(30),
                    Direction: "Export",
                    DestinationCountries: random.NextDouble() < 0.6 ? Some(Restricted, 3) : null,
                    PassesThrough: random.NextDouble() < 0.5 ? Some(Hubs, 2) : null,
                    Item: new MixItemRule([Prefix(Pick(Dual))])),
                // Health and safety: medicines and devices from named origins at suspicious prices.
                < 0.82 => new MixRule(id, ThreatCategory.HealthAndSafety, ProfileAction.DocumentaryCheck, 30 + random.Next(30),
                    Item: Undervalued(Pick(["3004", "3002", "9018", "3304", "9503", "8516"]), Some(Origins, 4))),
                // Environment and CITES: timber, seafood, wildlife products from named origins.
                < 0.92 => new MixRule(id, ThreatCategory.EnvironmentAndCites, ProfileAction.DocumentaryCheck, 30 + random.Next(30),
                    ConsignorCountries: random.NextDouble() < 0.5 ? Some(Origins, 3) : null,
                    Item: new MixItemRule([Pick(["4407", "4403", "0306", "0307", "0302", "9601", "0508"])], Some(Origins, 3))),
                // Arrival-driven checks on named origins (pre-arrival window).
                < 0.97 => new MixRule(id, ThreatCategory.Other, ProfileAction.YellowLane, 10 + random.Next(20),
                    Mode: Pick(["Sea", "Air"]),
                    ConsignorCountries: Some(Origins, 2),
                    MaxDaysToArrival: 1,
                    MinTotalValue: 1_000_000 + random.Next(4_000_000)),
                // Broad value thresholds that no single field keys: these run for every consignment.
                _ => new MixRule(id, ThreatCategory.RevenueAndValuation, ProfileAction.DocumentaryCheck, 15,
                    MinTotalValue: 12_000_000 + random.Next(30_000_000),
                    MaxDaysToArrival: 1 + random.Next(2)),
            });
        }
        return rules;
    }
}
