using System.Diagnostics;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Features;
using OpenCts.RiskModel.Training;

namespace OpenCts.RiskModel.Evaluation;

/// <summary>A named set of settings tried on the validation period.</summary>
public sealed record SettingsCandidate(string Name, ModelSettings Settings)
{
    /// <summary>The variants compared on valid; the first is the default.</summary>
    public static IReadOnlyList<SettingsCandidate> Standard { get; } =
    [
        new("extended groups", ModelSettings.Default),
        new("basic groups", ModelSettings.Default with { Features = FeatureSettings.Default with { Groups = FeatureSettings.BasicGroups } }),
        new("extended, no time features", ModelSettings.Default with { Features = FeatureSettings.Default with { TimeFeatures = false } }),
        new("extended, smoothing 1", ModelSettings.Default with { Features = FeatureSettings.Default with { Smoothing = 1 } }),
        new("extended, smoothing 20", ModelSettings.Default with { Features = FeatureSettings.Default with { Smoothing = 20 } }),
        new("extended, 63 leaves", ModelSettings.Default with { Leaves = 63 }),
        new("extended, 800 trees at 0.02", ModelSettings.Default with { Trees = 800, LearningRate = 0.02 }),
        new("extended, FastTree", ModelSettings.Default with { Learner = TreeLearner.FastTree }),
        new("extended, target critical fraud", ModelSettings.Default with { Target = ModelTarget.CriticalFraud }),
    ];
}

/// <summary>The figures of one candidate on the validation period.</summary>
public sealed record CandidateResult(string Name, EvaluationMetrics Valid, double TrainingSeconds);

/// <summary>The outcome of an evaluation: every candidate on valid, the one chosen, and the test figures.</summary>
/// <param name="Candidates">Each candidate's validation figures (precision is always of <c>Fraud</c>).</param>
/// <param name="Chosen">The candidate with the best mean precision at 5 and 10 % on valid.</param>
/// <param name="Refitted">Whether the chosen settings were trained again on train and valid together before testing.</param>
/// <param name="Test">The chosen model's figures on the test period.</param>
public sealed record EvaluationReport(IReadOnlyList<CandidateResult> Candidates, CandidateResult Chosen, bool Refitted, EvaluationMetrics Test);

/// <summary>Trains on one period, chooses settings on the next, and scores a later one that no choice has seen.</summary>
public static class ModelEvaluation
{
    public static EvaluationReport Run(
        IReadOnlyList<ExaminedDeclaration> train,
        IReadOnlyList<ExaminedDeclaration> valid,
        IReadOnlyList<ExaminedDeclaration> test,
        IReadOnlyList<SettingsCandidate> candidates,
        bool refit = true,
        Action<CandidateResult>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("no settings to choose from", nameof(candidates));
        }
        var results = new List<CandidateResult>();
        TrainedRiskModel? best = null;
        CandidateResult? chosen = null;
        foreach (var candidate in candidates)
        {
            var watch = Stopwatch.StartNew();
            var model = RiskModelTrainer.Train(train, candidate.Settings, cancellationToken);
            var seconds = watch.Elapsed.TotalSeconds;
            var result = new CandidateResult(candidate.Name, Measure(model, valid), seconds);
            results.Add(result);
            progress?.Invoke(result);
            // Strictly better only: on a tie the earlier (simpler, default-first) candidate stays.
            if (chosen is null || result.Valid.SelectionScore > chosen.Valid.SelectionScore)
            {
                chosen = result;
                best = model;
            }
        }
        var final = best!;
        if (refit)
        {
            final = RiskModelTrainer.Train([.. train, .. valid], final.Settings, cancellationToken);
        }
        return new EvaluationReport(results, chosen!, refit, Measure(final, test));
    }

    /// <summary>The figures of a model on examined rows, measured for the <c>Fraud</c> finding whatever the model's target.</summary>
    public static EvaluationMetrics Measure(TrainedRiskModel model, IReadOnlyList<ExaminedDeclaration> rows)
    {
        var scores = model.Score(rows);
        var labels = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            labels[i] = rows[i].Fraud;
        }
        return EvaluationMetrics.Of(scores, labels);
    }
}
