using OpenCts.RiskModel.Declarations;

namespace OpenCts.RiskModel.Features;

/// <summary>Turns a declaration into the model's feature vector, with encodings fitted on training rows only.</summary>
/// <remarks>
/// Each group contributes its smoothed fraud rate and its training-row count; the numeric features follow. The
/// encoder knows nothing of the rows it scores: labels enter only through <see cref="Fit"/> (all training rows, for
/// scoring later rows) and <see cref="OutOfFoldEncoding"/> (training rows, each encoded without its own fold).
/// </remarks>
public sealed class FeatureEncoder
{
    private readonly Dictionary<ulong, CategoryStats>[] _tables;

    internal FeatureEncoder(FeatureSettings settings, double prior, Dictionary<ulong, CategoryStats>[] tables)
    {
        Settings = settings;
        Prior = prior;
        _tables = tables;
        FeatureNames = NamesOf(settings);
        _usedFields = [.. settings.Groups.SelectMany(g => g.Fields).Distinct()];
    }

    private readonly DeclarationField[] _usedFields;

    public FeatureSettings Settings { get; }

    /// <summary>The fraud rate of all training rows, the value of keys never seen.</summary>
    public double Prior { get; }

    /// <summary>The name of each feature, in vector order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public int FeatureCount => FeatureNames.Count;

    internal IReadOnlyList<Dictionary<ulong, CategoryStats>> Tables => _tables;

    /// <summary>Fits the encodings on every given row, to encode rows that come later.</summary>
    public static FeatureEncoder Fit(IReadOnlyList<ExaminedDeclaration> rows, FeatureSettings settings, ModelTarget target)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var tables = new Dictionary<ulong, CategoryStats>[settings.Groups.Count];
        var positives = 0;
        foreach (var row in rows)
        {
            positives += row.Label(target) ? 1 : 0;
        }
        for (var g = 0; g < tables.Length; g++)
        {
            var group = settings.Groups[g];
            var table = new Dictionary<ulong, CategoryStats>();
            foreach (var row in rows)
            {
                var key = group.KeyOf(row.Declaration);
                table[key] = table.GetValueOrDefault(key) + new CategoryStats(1, row.Label(target) ? 1 : 0);
            }
            tables[g] = table;
        }
        return new FeatureEncoder(settings, (double)positives / rows.Count, tables);
    }

    /// <summary>Writes the features of a declaration into <paramref name="output"/> (length <see cref="FeatureCount"/>).</summary>
    public void Encode(Declaration declaration, Span<float> output)
    {
        // Each field is hashed once and shared by every group that uses it.
        Span<ulong> fieldHashes = stackalloc ulong[DeclarationFields.Count];
        foreach (var field in _usedFields)
        {
            fieldHashes[(int)field] = DeclarationFields.HashOf(declaration, field);
        }
        var groups = Settings.Groups.AsSpan();
        for (var g = 0; g < groups.Length; g++)
        {
            var stats = _tables[g].GetValueOrDefault(groups[g].KeyOf(fieldHashes));
            output[2 * g] = stats.Rate(Prior, Settings.Smoothing);
            output[(2 * g) + 1] = stats.Count;
        }
        NumericFeatures.Write(declaration, Settings.TimeFeatures, output[(2 * groups.Length)..]);
    }

    /// <summary>The features of a declaration as a new array.</summary>
    public float[] Encode(Declaration declaration)
    {
        var output = new float[FeatureCount];
        Encode(declaration, output);
        return output;
    }

    internal static IReadOnlyList<string> NamesOf(FeatureSettings settings)
    {
        var names = new List<string>();
        foreach (var group in settings.Groups)
        {
            names.Add(group.Name + "FraudRate");
            names.Add(group.Name + "Count");
        }
        names.AddRange(NumericFeatures.Names(settings.TimeFeatures));
        return names;
    }
}
