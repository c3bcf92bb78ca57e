using System.Diagnostics;
using OpenCts.Screening.Matching;

namespace OpenCts.Screening.Quality;

/// <summary>Screening quality and speed on generated variants of listed names and on ordinary names that are not listed.</summary>
/// <param name="Threshold">The alert threshold measured.</param>
/// <param name="Variants">How many variants were screened.</param>
/// <param name="Found">Variants for which their own entry alerts.</param>
/// <param name="Ordinary">How many ordinary names were screened.</param>
/// <param name="FalseAlerts">Ordinary names that alerted.</param>
/// <param name="RecallByKind">Recall for each kind of variant.</param>
/// <param name="Misses">Variants missed, with their best score against their own entry.</param>
/// <param name="FalseAlertSamples">Ordinary names that alerted, with the hit.</param>
/// <param name="NamesPerSecond">Names screened per second on one thread, with explanations.</param>
public sealed record QualityReport(
    double Threshold,
    int Variants,
    int Found,
    int Ordinary,
    int FalseAlerts,
    IReadOnlyDictionary<VariantKind, double> RecallByKind,
    IReadOnlyList<string> Misses,
    IReadOnlyList<string> FalseAlertSamples,
    double NamesPerSecond)
{
    public double Recall => Variants == 0 ? 0 : (double)Found / Variants;

    public double FalseAlertRate => Ordinary == 0 ? 0 : (double)FalseAlerts / Ordinary;

    /// <summary>Screens every variant and ordinary name once on this thread and counts.</summary>
    public static QualityReport Measure(ScreeningIndex index, IReadOnlyList<NameVariant> variants, IReadOnlyList<string> ordinary, double threshold)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(ordinary);
        var options = new ScreeningOptions(AlertThreshold: threshold, MinScore: Math.Min(0.6, threshold), MaxHits: 50);
        var found = 0;
        var misses = new List<string>();
        var byKind = new Dictionary<VariantKind, (int Found, int All)>();
        var clock = Stopwatch.StartNew();
        foreach (var variant in variants)
        {
            var result = index.Screen(variant.Query, options);
            var own = result.Hits.FirstOrDefault(h => h.EntryId == variant.EntryId && h.List == variant.List);
            var hit = own is not null && own.Score >= threshold;
            found += hit ? 1 : 0;
            var (f, a) = byKind.GetValueOrDefault(variant.Kind);
            byKind[variant.Kind] = (f + (hit ? 1 : 0), a + 1);
            if (!hit && misses.Count < 50)
            {
                misses.Add(FormattableString.Invariant($"{variant.Kind}: '{variant.Query}' from '{variant.From}' ({variant.List} {variant.EntryId}): own score {own?.Score ?? 0:0.000}"));
            }
        }
        var falseAlerts = 0;
        var samples = new List<string>();
        foreach (var name in ordinary)
        {
            var result = index.Screen(name, options);
            if (result.Alert)
            {
                falseAlerts++;
                if (samples.Count < 50)
                {
                    samples.Add($"'{name}' → {result.Hits[0].Explain()}");
                }
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new QualityReport(
            threshold, variants.Count, found, ordinary.Count, falseAlerts,
            byKind.ToDictionary(p => p.Key, p => (double)p.Value.Found / p.Value.All),
            misses, samples, (variants.Count + ordinary.Count) / Math.Max(seconds, 1e-9));
    }

    public override string ToString() => FormattableString.Invariant(
        $"threshold {Threshold:0.00}: recall {Recall:0.0000} ({Found}/{Variants}), false alerts {FalseAlertRate:0.0000} ({FalseAlerts}/{Ordinary}), {NamesPerSecond:N0} names/s; by kind: {string.Join(", ", RecallByKind.OrderBy(p => p.Key).Select(p => FormattableString.Invariant($"{p.Key} {p.Value:0.000}")))}");
}
