using OpenCts.RiskModel.Declarations;

namespace OpenCts.RiskModel.Features;

/// <summary>The features computed from one declaration alone: amounts, ratios, route and time.</summary>
internal static class NumericFeatures
{
    private static readonly string[] AmountNames =
        ["LogItemPrice", "LogNetMass", "LogValuePerKg", "LogValueTimesTaxRate", "TaxRate", "OriginDiffersFromDeparture"];

    private static readonly string[] TimeNames = ["DayOfWeek", "DayOfMonth", "Month"];

    public static IEnumerable<string> Names(bool timeFeatures) => timeFeatures ? [.. AmountNames, .. TimeNames] : AmountNames;

    public static int Count(bool timeFeatures) => AmountNames.Length + (timeFeatures ? TimeNames.Length : 0);

    public static void Write(Declaration d, bool timeFeatures, Span<float> output)
    {
        output[0] = (float)Math.Log(1 + d.ItemPrice);
        output[1] = (float)Math.Log(1 + d.NetMassKg);
        output[2] = (float)Math.Log((1 + d.ItemPrice) / (1 + d.NetMassKg));
        output[3] = (float)Math.Log(1 + d.ItemPrice * d.TaxRate / 100);
        output[4] = (float)d.TaxRate;
        output[5] = string.Equals(d.Origin, d.Departure, StringComparison.OrdinalIgnoreCase) ? 0 : 1;
        if (timeFeatures)
        {
            output[6] = (int)d.Date.DayOfWeek;
            output[7] = d.Date.Day;
            output[8] = d.Date.Month;
        }
    }
}
