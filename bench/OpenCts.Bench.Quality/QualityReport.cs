using System.Diagnostics;
using OpenCts.Screening.Matching;

namespace OpenCts.Bench.Quality;

/// <summary>Screening quality and speed on generated variants of listed names and on ordinary names that are not listed.</summary>
/// <param name="Threshold">The alert threshold measured.</param>
/// <param name="Variants">How many variants were screened (identity variants excluded).</param>
/// <param name="Found">Variants for which their own entry alerts.</param>
/// <param name="DroppedIdentity">Variants generated but dropped unscreened because they normalise to the name they came from.</param>
/// <param name="Ordinary">How many ordinary names were screened.</param>
/// <param name="FalseAlerts">Ordinary names that alerted.</param>
/// <param name="ByKind">Recall for each kind of variant, with the counts behind it.</param>
/// <param name="ByTradition">False alerts for each tradition of ordinary names.</param>
/// <param name="Misses">Variants missed, with their best score against their own entry.</param>
/// <param name="FalseAlertSamples">Ordinary names that alerted, with the hit.</param>
/// <param name="NamesPerSecond">Names screened per second on one thread, with explanations.</param>
public sealed record QualityReport(
    double Threshold,
    int Variants,
    int Found,
    int DroppedIdentity,
    int Ordinary,
    int FalseAlerts,
    IReadOnlyList<KindRecall> ByKind,
    IReadOnlyList<TraditionFalseAlerts> ByTradition,
    IReadOnlyList<string> Misses,
    IReadOnlyList<string> FalseAlertSamples,
    double NamesPerSecond)
{
    public double Recall => Variants == 0 ? 0 : (double)Found / Variants;

    public double FalseAlertRate => Ordinary == 0 ? 0 : (double)FalseAlerts / Ordinary;

    /// <summary>Recall of each kind that had variants left to screen.</summary>
    public IReadOnlyDictionary<VariantKind, double> RecallByKind => ByKind.Where(k => k.Screened > 0).ToDictionary(k => k.Kind, k => k.Recall);

    /// <summary>Screens every variant and ordinary name once on this thread and counts.</summary>
    public static QualityReport Measure(ScreeningIndex index, VariantSet variants, IReadOnlyList<OrdinaryName> ordinary, double threshold)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(ordinary);
        var options = new ScreeningOptions(AlertThreshold: threshold, MinScore: Math.Min(0.6, threshold), MaxHits: 50);
        var found = 0;
        var misses = new List<string>();
        var byKind = new Dictionary<VariantKind, (int Found, int All)>();
        var clock = Stopwatch.StartNew();
        foreach (var variant in variants.Variants)
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
        var byTradition = new Dictionary<NameTradition, (int Alerts, int All)>();
        foreach (var name in ordinary)
        {
            var result = index.Screen(name.Name, options);
            var (alerts, all) = byTradition.GetValueOrDefault(name.Tradition);
            byTradition[name.Tradition] = (alerts + (result.Alert ? 1 : 0), all + 1);
            if (result.Alert)
            {
                falseAlerts++;
                if (samples.Count < 50)
                {
                    samples.Add($"{name.Tradition}: '{name.Name}' → {result.Hits[0].Explain()}");
                }
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var kinds = Enum.GetValues<VariantKind>()
            .Select(k => new KindRecall(k, byKind.GetValueOrDefault(k).All, byKind.GetValueOrDefault(k).Found, variants.DroppedIdentity.GetValueOrDefault(k)))
            .ToArray();
        var traditions = Enum.GetValues<NameTradition>()
            .Select(t => new TraditionFalseAlerts(t, byTradition.GetValueOrDefault(t).All, byTradition.GetValueOrDefault(t).Alerts))
            .ToArray();
        return new QualityReport(
            threshold, variants.Variants.Count, found, variants.Dropped, ordinary.Count, falseAlerts, kinds, traditions,
            misses, samples, (variants.Variants.Count + ordinary.Count) / Math.Max(seconds, 1e-9));
    }

    public override string ToString()
    {
        var kinds = ByKind.Select(k => FormattableString.Invariant($"{k.Kind} {k.Recall:0.000} ({k.Found}/{k.Screened}, {k.DroppedIdentity} dropped)"));
        var traditions = ByTradition.Select(t => FormattableString.Invariant($"{t.Tradition} {t.Rate:0.0000} ({t.Alerts}/{t.Pool})"));
        return FormattableString.Invariant(
            $"threshold {Threshold:0.00}: recall {Recall:0.0000} ({Found}/{Variants}, {DroppedIdentity} identity variants dropped), false alerts {FalseAlertRate:0.0000} ({FalseAlerts}/{Ordinary}), {NamesPerSecond:N0} names/s")
            + "\nby kind: " + string.Join(", ", kinds)
            + "\nby tradition: " + string.Join(", ", traditions);
    }
}
