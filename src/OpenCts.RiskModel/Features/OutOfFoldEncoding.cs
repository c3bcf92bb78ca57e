using OpenCts.RiskModel.Declarations;

namespace OpenCts.RiskModel.Features;

/// <summary>Encodes training rows so that no row's encoding uses its own label.</summary>
/// <remarks>
/// Rows are dealt into folds at random with a seed; a row's rates and counts come from the other folds only, as they
/// would for a later row scored by an encoder fitted on all training rows. Counts come from the other folds too,
/// so "seen once before" means the same for training and scoring rows.
/// </remarks>
public static class OutOfFoldEncoding
{
    /// <summary>The feature vectors of the training rows, one per row, in row order.</summary>
    public static float[][] Encode(IReadOnlyList<ExaminedDeclaration> rows, FeatureSettings settings, ModelTarget target, int seed)
    {
        var folds = Math.Max(2, settings.Folds);
        if (rows.Count < folds)
        {
            throw new ArgumentException($"{rows.Count} training rows are fewer than the {folds} folds of the encoding", nameof(rows));
        }
        var foldOf = AssignFolds(rows.Count, folds, seed);
        var foldTotals = new CategoryStats[folds];
        var total = default(CategoryStats);
        for (var r = 0; r < rows.Count; r++)
        {
            var one = new CategoryStats(1, rows[r].Label(target) ? 1 : 0);
            foldTotals[foldOf[r]] += one;
            total += one;
        }
        var priors = new double[folds];
        for (var k = 0; k < folds; k++)
        {
            var rest = total - foldTotals[k];
            priors[k] = (double)rest.Positives / rest.Count;
        }

        var width = FeatureEncoder.NamesOf(settings).Count;
        var features = new float[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            features[r] = new float[width];
        }
        var keys = new ulong[rows.Count];
        for (var g = 0; g < settings.Groups.Count; g++)
        {
            var group = settings.Groups[g];
            var all = new Dictionary<ulong, CategoryStats>();
            var byFold = new Dictionary<ulong, CategoryStats>[folds];
            for (var k = 0; k < folds; k++)
            {
                byFold[k] = [];
            }
            for (var r = 0; r < rows.Count; r++)
            {
                var key = keys[r] = group.KeyOf(rows[r].Declaration);
                var one = new CategoryStats(1, rows[r].Label(target) ? 1 : 0);
                all[key] = all.GetValueOrDefault(key) + one;
                var fold = byFold[foldOf[r]];
                fold[key] = fold.GetValueOrDefault(key) + one;
            }
            for (var r = 0; r < rows.Count; r++)
            {
                var k = foldOf[r];
                var stats = all[keys[r]] - byFold[k][keys[r]];
                features[r][2 * g] = stats.Rate(priors[k], settings.Smoothing);
                features[r][(2 * g) + 1] = stats.Count;
            }
        }
        var numericStart = 2 * settings.Groups.Count;
        for (var r = 0; r < rows.Count; r++)
        {
            NumericFeatures.Write(rows[r].Declaration, settings.TimeFeatures, features[r].AsSpan(numericStart));
        }
        return features;
    }

    /// <summary>Deals row indices into folds of equal size in a random order fixed by the seed.</summary>
    public static int[] AssignFolds(int count, int folds, int seed)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }
        new Random(seed).Shuffle(order);
        var foldOf = new int[count];
        for (var i = 0; i < count; i++)
        {
            foldOf[order[i]] = i % folds;
        }
        return foldOf;
    }
}
