using OpenCts.Domain.Common;

namespace OpenCts.Commerce.Classification;

/// <summary>One HS heading a description may read as, with its probability.</summary>
public readonly record struct HsCandidate(string Heading, double Probability);

/// <summary>The HS heading a goods description reads as.</summary>
/// <param name="Heading">The most probable heading (4 digits), or null when no word of the description is known.</param>
/// <param name="Probability">Its probability, 0 to 1; NaN without a heading.</param>
/// <param name="Top">The three most probable headings, the first included, most probable first.</param>
public sealed record HsPrediction(string? Heading, double Probability, ValueList<HsCandidate> Top)
{
    /// <summary>The prediction for a description the classifier cannot read.</summary>
    public static HsPrediction Unknown { get; } = new(null, double.NaN, default);
}
