using System.Collections.Frozen;
using OpenCts.Domain.Common;

namespace OpenCts.Commerce.Classification;

/// <summary>Predicts the HS heading (4 digits) a goods description reads as: multinomial naive Bayes over hashed word and character n-gram features.</summary>
/// <remarks>
/// <para>
/// Naive Bayes fits the job: it learns from one pass of counting (the application rebuilds it from history at start),
/// it learns a heading from a handful of lines, and it scores sparsely. A heading's log-likelihood is
/// <c>prior + W × log(α / (N + αV)) + Σ w × log((n + α) / α)</c> over the features of the description, so a prediction
/// touches every heading once (the first two terms) and then only the headings each feature was seen under.
/// With about 1,300 headings and 60 to 100 features a short description, that is a few microseconds, with no allocation:
/// the scores go into a per-thread buffer.
/// </para>
/// <para>
/// Naive Bayes counts every feature as independent evidence, which makes its probabilities far too sure. They are
/// tempered by the description's total feature weight (<c>softmax(score / max(1, W × τ))</c>), so that the probability of a
/// close second, such as a phone case read as plastics (3926) or as a case (4202), stays visible in <see cref="Agreement"/>.
/// </para>
/// An instance is immutable and safe to share between threads.
/// </remarks>
public sealed class HsClassifier
{
    private const double Tau = 0.5;
    private const int MaxFeatures = 1024;

    /// <summary>How many lines' predictions are kept at most (<see cref="PredictHeading(string, string?, out double)"/>), a few megabytes.</summary>
    public const int MemoCapacity = 16_384;

    [ThreadStatic]
    private static float[]? t_scores;

    private readonly string[] _headings;
    private readonly int[] _chapters;
    private readonly FrozenDictionary<string, int> _labels;
    private readonly float[] _prior;
    private readonly float[] _missing;
    private readonly int[] _offsets;
    private readonly int[] _postingLabels;
    private readonly float[] _gains;
    private readonly BoundedMemo<(string Description, string? DeclaredHs), (string? Heading, double Agreement)> _lines = new(MemoCapacity);

    internal HsClassifier(string[] headings, float[] prior, float[] missing, int[] offsets, int[] postingLabels, float[] gains)
    {
        _headings = headings;
        _chapters = [.. headings.Select(h => ((h[0] - '0') * 10) + (h[1] - '0'))];
        _labels = headings.Select((h, i) => (h, i)).ToFrozenDictionary(p => p.h, p => p.i, StringComparer.Ordinal);
        _prior = prior;
        _missing = missing;
        _offsets = offsets;
        _postingLabels = postingLabels;
        _gains = gains;
    }

    /// <summary>The headings the classifier knows.</summary>
    public IReadOnlyList<string> Headings => _headings;

    /// <summary>Trains a classifier on labelled descriptions (description, HS code of 4 digits or more).</summary>
    public static HsClassifier Train(IEnumerable<(string Description, string Hs)> lines) => new HsClassifierTrainer().Train(lines).Build();

    /// <summary>The heading a description reads as, its probability and the three most probable; <see cref="HsPrediction.Unknown"/> when no feature is known.</summary>
    public HsPrediction Predict(string description)
    {
        var scores = Scores();
        if (!Score(description, scores, out var temperature))
        {
            return HsPrediction.Unknown;
        }
        Span<int> top = [-1, -1, -1];
        for (var c = 0; c < scores.Length; c++)
        {
            var s = scores[c];
            if (top[0] < 0 || s > scores[top[0]])
            {
                top[2] = top[1];
                top[1] = top[0];
                top[0] = c;
            }
            else if (top[1] < 0 || s > scores[top[1]])
            {
                top[2] = top[1];
                top[1] = c;
            }
            else if (top[2] < 0 || s > scores[top[2]])
            {
                top[2] = c;
            }
        }
        var max = scores[top[0]];
        var total = Total(scores, max, temperature);
        var candidates = new HsCandidate[Math.Min(3, scores.Length)];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = new HsCandidate(_headings[top[i]], Math.Exp((scores[top[i]] - max) / temperature) / total);
        }
        return new HsPrediction(candidates[0].Heading, candidates[0].Probability, candidates);
    }

    /// <summary>The top heading of a description only; null when no feature is known.</summary>
    public string? PredictHeading(string description)
    {
        var scores = Scores();
        if (!Score(description, scores, out _))
        {
            return null;
        }
        return _headings[Best(scores)];
    }

    /// <summary>How well a declared HS code agrees with a description, 0 to 1: the declared heading's probability over the top heading's.</summary>
    /// <remarks>
    /// 1 when the declared heading is the prediction; near 0 when the description reads as something else entirely.
    /// A heading the classifier never saw is judged by its chapter: the probability of the chapter's headings over the
    /// top one's, at most 1. NaN when the code has no heading or no feature of the description is known.
    /// </remarks>
    public double Agreement(string description, string declaredHs)
    {
        if (HsClassifierTrainer.Heading(declaredHs) is not { } heading)
        {
            return double.NaN;
        }
        var scores = Scores();
        if (!Score(description, scores, out var temperature))
        {
            return double.NaN;
        }
        // A plain comparison: Math.Max orders NaN and signed zeros, which costs several times more per heading.
        var max = scores[0];
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > max)
            {
                max = scores[c];
            }
        }
        return AgreementOf(scores, max, temperature, heading);
    }

    /// <summary>The top heading and the agreement of the declared code in one scoring of the description, for the per-line facts.</summary>
    /// <param name="description">The goods description.</param>
    /// <param name="declaredHs">The declared HS code, or null.</param>
    /// <param name="agreement">As <see cref="Agreement"/>; NaN without a declared code or a prediction.</param>
    /// <returns>The top heading, or null when no feature of the description is known.</returns>
    /// <remarks>
    /// Kept by description and declared code for the life of the classifier (<see cref="BoundedMemo{TKey, TValue}"/>):
    /// the classifier does not change, and e-commerce lines repeat their descriptions ("phone case", "t-shirt") by the
    /// thousand, so a repeated line costs a lookup instead of a scoring.
    /// </remarks>
    public string? PredictHeading(string description, string? declaredHs, out double agreement)
    {
        ArgumentNullException.ThrowIfNull(description);
        (var heading, agreement) = _lines.Get((description, declaredHs), this, static (key, classifier) => classifier.Line(key.Description, key.DeclaredHs));
        return heading;
    }

    private (string? Heading, double Agreement) Line(string description, string? declaredHs)
    {
        var scores = Scores();
        if (!Score(description, scores, out var temperature))
        {
            return (null, double.NaN);
        }
        var best = Best(scores);
        var agreement = HsClassifierTrainer.Heading(declaredHs) is { } heading ? AgreementOf(scores, scores[best], temperature, heading) : double.NaN;
        return (_headings[best], agreement);
    }

    /// <summary>The heading with the highest score, the first of equals.</summary>
    private static int Best(float[] scores)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }
        return best;
    }

    private double AgreementOf(float[] scores, float max, double temperature, string heading)
    {
        if (_labels.TryGetValue(heading, out var label))
        {
            return Math.Exp((scores[label] - max) / temperature);
        }
        var chapter = ((heading[0] - '0') * 10) + (heading[1] - '0');
        var mass = 0.0;
        for (var c = 0; c < scores.Length; c++)
        {
            if (_chapters[c] == chapter)
            {
                mass += Math.Exp((scores[c] - max) / temperature);
            }
        }
        return Math.Min(1, mass);
    }

    private float[] Scores()
    {
        var scores = t_scores;
        if (scores is null || scores.Length != _headings.Length)
        {
            t_scores = scores = new float[_headings.Length];
        }
        return scores;
    }

    /// <summary>Each heading's log-likelihood into <paramref name="scores"/>; false when the description has no known feature.</summary>
    private bool Score(string description, float[] scores, out double temperature)
    {
        temperature = 1;
        if (string.IsNullOrEmpty(description) || scores.Length == 0)
        {
            return false;
        }
        Span<int> ids = stackalloc int[MaxFeatures];
        Span<float> weights = stackalloc float[MaxFeatures];
        var text = description.AsSpan(0, Math.Min(description.Length, DescriptionFeatures.MaxPredictChars));
        var count = DescriptionFeatures.Extract(text, ids, weights);
        var known = 0f;
        var knownWords = 0;
        int grams = 0, knownGrams = 0;
        for (var i = 0; i < count; i++)
        {
            var isKnown = _offsets[ids[i] + 1] > _offsets[ids[i]];
            if (isKnown)
            {
                known += weights[i];
            }
            if (weights[i] == DescriptionFeatures.WordWeight)
            {
                knownWords += isKnown ? 1 : 0;
            }
            else
            {
                grams++;
                knownGrams += isKnown ? 1 : 0;
            }
        }
        // Hashed n-grams of gibberish meet some bucket by chance; a description is read when a word of it is known or
        // most of its n-grams are (a misspelt word shares most of them with the right one).
        if (known == 0 || (knownWords == 0 && knownGrams * 2 < grams))
        {
            return false;
        }
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = _prior[c] + (known * _missing[c]);
        }
        for (var i = 0; i < count; i++)
        {
            var w = weights[i];
            var end = _offsets[ids[i] + 1];
            for (var p = _offsets[ids[i]]; p < end; p++)
            {
                scores[_postingLabels[p]] += w * _gains[p];
            }
        }
        temperature = Math.Max(1, known * Tau);
        return true;
    }

    private static double Total(float[] scores, float max, double temperature)
    {
        // Headings more than 20 temperatures below the top add less than e^-20 each, 3e-6 for all of them: not worth an exponential.
        var floor = max - (float)(20 * temperature);
        var inverse = (float)(1 / temperature);
        var total = 0f;
        foreach (var s in scores)
        {
            if (s > floor)
            {
                total += MathF.Exp((s - max) * inverse);
            }
        }
        return total;
    }

    /// <summary>Writes the model, so that a host can load it instead of training again.</summary>
    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(_headings.Length);
        for (var c = 0; c < _headings.Length; c++)
        {
            writer.Write(_headings[c]);
            writer.Write(_prior[c]);
            writer.Write(_missing[c]);
        }
        var used = 0;
        for (var b = 0; b < DescriptionFeatures.Buckets; b++)
        {
            used += _offsets[b + 1] > _offsets[b] ? 1 : 0;
        }
        writer.Write(used);
        for (var b = 0; b < DescriptionFeatures.Buckets; b++)
        {
            if (_offsets[b + 1] > _offsets[b])
            {
                writer.Write(b);
                writer.Write(_offsets[b + 1] - _offsets[b]);
            }
        }
        writer.Write(_postingLabels.Length);
        for (var p = 0; p < _postingLabels.Length; p++)
        {
            writer.Write(_postingLabels[p]);
            writer.Write(_gains[p]);
        }
    }

    /// <summary>Reads a model written by <see cref="Save"/>; a stream that is not one raises an <see cref="InputFormatException"/>.</summary>
    public static HsClassifier Load(Stream stream)
    {
        try
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            if (reader.ReadString() != Magic)
            {
                throw new InputFormatException("not an OpenCTS HS classifier model");
            }
            var classes = reader.ReadInt32();
            var headings = new string[classes];
            var prior = new float[classes];
            var missing = new float[classes];
            for (var c = 0; c < classes; c++)
            {
                headings[c] = reader.ReadString();
                prior[c] = reader.ReadSingle();
                missing[c] = reader.ReadSingle();
            }
            var offsets = new int[DescriptionFeatures.Buckets + 1];
            var used = reader.ReadInt32();
            for (var i = 0; i < used; i++)
            {
                var bucket = reader.ReadInt32();
                offsets[bucket + 1] = reader.ReadInt32();
            }
            for (var b = 0; b < DescriptionFeatures.Buckets; b++)
            {
                offsets[b + 1] += offsets[b];
            }
            var postings = reader.ReadInt32();
            if (postings != offsets[^1])
            {
                throw new InputFormatException("the model's postings do not add up");
            }
            var labels = new int[postings];
            var gains = new float[postings];
            for (var p = 0; p < postings; p++)
            {
                labels[p] = reader.ReadInt32();
                gains[p] = reader.ReadSingle();
                if ((uint)labels[p] >= (uint)classes)
                {
                    throw new InputFormatException("the model names a heading it does not have");
                }
            }
            return new HsClassifier(headings, prior, missing, offsets, labels, gains);
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException or IOException)
        {
            throw new InputFormatException("the HS classifier model is cut short or damaged", e);
        }
    }

    private const string Magic = "OpenCTS HS classifier 1";
}
