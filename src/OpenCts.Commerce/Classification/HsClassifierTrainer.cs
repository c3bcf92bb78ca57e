namespace OpenCts.Commerce.Classification;

/// <summary>Counts features per HS heading from labelled descriptions, and builds classifiers from the counts.</summary>
/// <remarks>
/// Training is counting: adding a description is cheap and a trainer can go on taking declarations after a
/// <see cref="Build"/>; the application builds a new <see cref="HsClassifier"/> from time to time and swaps it in,
/// as it swaps its engine snapshot. Not thread-safe: one thread feeds a trainer.
/// </remarks>
public sealed partial class HsClassifierTrainer
{
    private readonly Dictionary<string, int> _classes = new(StringComparer.Ordinal);
    private readonly List<string> _headings = [];
    private readonly List<double> _documents = [];
    private readonly List<double> _mass = [];
    private readonly Dictionary<long, float> _counts = [];
    private readonly int[] _ids = new int[4096];
    private readonly float[] _weights = new float[4096];

    /// <summary>Headings seen.</summary>
    public int Headings => _headings.Count;

    /// <summary>Descriptions taken.</summary>
    public long Descriptions { get; private set; }

    /// <summary>Adds labelled descriptions; a line whose code does not start with a 4-digit heading, or whose description is empty, is skipped.</summary>
    public HsClassifierTrainer Train(IEnumerable<(string Description, string Hs)> lines, double weight = 1)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var (description, hs) in lines)
        {
            Observe(description, hs, weight);
        }
        return this;
    }

    /// <summary>Adds one labelled description; returns false when it was skipped.</summary>
    /// <param name="description">The goods description.</param>
    /// <param name="hs">The HS code (4 digits or more; dots allowed): its heading is the label.</param>
    /// <param name="weight">How much the line counts (the nomenclature's lines count less than declarations, being one line per subheading).</param>
    public bool Observe(string? description, string? hs, double weight = 1)
    {
        if (string.IsNullOrWhiteSpace(description) || Heading(hs) is not { } heading || weight <= 0)
        {
            return false;
        }
        if (!_classes.TryGetValue(heading, out var label))
        {
            label = _headings.Count;
            _classes.Add(heading, label);
            _headings.Add(heading);
            _documents.Add(0);
            _mass.Add(0);
        }
        var count = DescriptionFeatures.Extract(description, _ids, _weights);
        for (var i = 0; i < count; i++)
        {
            var key = ((long)_ids[i] << 20) | (uint)label;
            var w = (float)(_weights[i] * weight);
            _counts[key] = _counts.GetValueOrDefault(key) + w;
            _mass[label] += w;
        }
        _documents[label] += weight;
        Descriptions++;
        return true;
    }

    /// <summary>A classifier from the counts so far.</summary>
    /// <param name="smoothing">The additive (Lidstone) smoothing of feature counts.</param>
    /// <param name="maxHeadingsPerFeature">Features seen under more headings than this tell little and cost most; they are left out.</param>
    public HsClassifier Build(double smoothing = 0.05, int maxHeadingsPerFeature = 120)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(smoothing);
        var headingsPerFeature = new Dictionary<int, int>();
        foreach (var key in _counts.Keys)
        {
            var feature = (int)(key >> 20);
            headingsPerFeature[feature] = headingsPerFeature.GetValueOrDefault(feature) + 1;
        }
        var vocabulary = headingsPerFeature.Count;
        var classes = _headings.Count;
        var totalDocuments = _documents.Sum();
        var prior = new float[classes];
        var missing = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            prior[c] = (float)Math.Log((_documents[c] + 1) / (totalDocuments + classes));
            missing[c] = (float)Math.Log(smoothing / (_mass[c] + (smoothing * vocabulary)));
        }
        // Compressed rows: the postings of bucket b are postings[offsets[b]..offsets[b + 1]].
        var offsets = new int[DescriptionFeatures.Buckets + 1];
        var kept = new List<(int Feature, int Label, float Count)>(_counts.Count);
        foreach (var (key, count) in _counts)
        {
            var feature = (int)(key >> 20);
            if (headingsPerFeature[feature] <= maxHeadingsPerFeature)
            {
                kept.Add((feature, (int)(key & 0xFFFFF), count));
            }
        }
        kept.Sort((a, b) => a.Feature != b.Feature ? a.Feature.CompareTo(b.Feature) : a.Label.CompareTo(b.Label));
        var labels = new int[kept.Count];
        var gains = new float[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            offsets[kept[i].Feature + 1]++;
            labels[i] = kept[i].Label;
            // What a feature seen under the heading adds over one never seen there: log((n + α) / α).
            gains[i] = (float)Math.Log((kept[i].Count + smoothing) / smoothing);
        }
        for (var b = 0; b < DescriptionFeatures.Buckets; b++)
        {
            offsets[b + 1] += offsets[b];
        }
        return new HsClassifier([.. _headings], prior, missing, offsets, labels, gains);
    }

    /// <summary>The 4-digit heading a code starts with, dots and spaces skipped; null when there is none.</summary>
    internal static string? Heading(string? hs)
    {
        if (hs is null)
        {
            return null;
        }
        Span<char> digits = stackalloc char[4];
        var n = 0;
        foreach (var c in hs)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[n++] = c;
                if (n == 4)
                {
                    return new string(digits);
                }
            }
            else if (c is not ('.' or ' '))
            {
                return null;
            }
        }
        return null;
    }
}
