namespace OpenCts.Application.Commerce.Bench;

/// <summary>Pairwise precision and recall of a clustering against the truth, counted without listing pairs.</summary>
/// <remarks>
/// Two records form a predicted pair when they share an entity, a true pair when they share a true identity. Over the
/// table of (entity, identity) cells: true positives are the sum of n(n−1)/2 over cells, predicted pairs the same over
/// entities, true pairs over identities.
/// </remarks>
public sealed class PairwiseQuality
{
    private readonly Dictionary<(string Predicted, string Truth), long> _cells = [];
    private readonly Dictionary<string, long> _predicted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _truth = new(StringComparer.Ordinal);

    /// <summary>Counts one record.</summary>
    public void Add(string predicted, string truth)
    {
        _cells[(predicted, truth)] = _cells.GetValueOrDefault((predicted, truth)) + 1;
        _predicted[predicted] = _predicted.GetValueOrDefault(predicted) + 1;
        _truth[truth] = _truth.GetValueOrDefault(truth) + 1;
    }

    public long Records => _predicted.Values.Sum();

    public long TruePositivePairs => _cells.Values.Sum(Pairs);

    public long PredictedPairs => _predicted.Values.Sum(Pairs);

    public long TruePairs => _truth.Values.Sum(Pairs);

    /// <summary>Of the pairs linked, the share that are one identity; 1 when nothing was linked.</summary>
    public double Precision => PredictedPairs == 0 ? 1 : (double)TruePositivePairs / PredictedPairs;

    /// <summary>Of the pairs that are one identity, the share linked; 1 when there are none.</summary>
    public double Recall => TruePairs == 0 ? 1 : (double)TruePositivePairs / TruePairs;

    private static long Pairs(long n) => n * (n - 1) / 2;
}
