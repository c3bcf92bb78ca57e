using System.Globalization;
using System.Text;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Consignments;

namespace OpenCts.RiskModel.Scoring;

/// <summary>Turns the model's score of a consignment into an assessment reason an officer can read.</summary>
/// <param name="Scorer">The loaded model version.</param>
/// <param name="Weight">What a probability of 1 adds to the assessment score.</param>
/// <param name="TopFeatures">How many contributions the reason lists.</param>
public sealed record ModelReasons(RiskModelScorer Scorer, double Weight = 100, int TopFeatures = 5)
{
    /// <summary>The reason for a consignment: its riskiest goods item decides, as an officer examines the whole consignment.</summary>
    public Reason ReasonFor(Consignment consignment, DateOnly fallbackDate)
    {
        ModelScore? worst = null;
        foreach (var declaration in ConsignmentDeclarations.From(consignment, fallbackDate))
        {
            var score = Scorer.Explain(declaration, TopFeatures);
            if (worst is null || score.Probability > worst.Probability)
            {
                worst = score;
            }
        }
        return ReasonFor(worst!);
    }

    /// <summary>The reason for one scored declaration.</summary>
    public Reason ReasonFor(ModelScore score)
    {
        var detail = new StringBuilder();
        foreach (var c in score.TopContributions)
        {
            if (detail.Length > 0)
            {
                detail.Append("; ");
            }
            detail.Append(CultureInfo.InvariantCulture, $"{c.Feature} = {c.Value:0.###} ({c.Contribution:+0.00;-0.00})");
        }
        return new Reason(
            ReasonKind.Model,
            score.ModelVersion,
            string.Create(CultureInfo.InvariantCulture, $"Risk model: {score.Probability:P0} likely irregular"),
            score.Probability * Weight,
            detail.Length > 0 ? detail.ToString() : "no feature moved the score from the base rate",
            Probability: score.Probability);
    }
}
