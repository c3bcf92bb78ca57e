namespace OpenCts.Storage.Assessments;

/// <summary>What the assessment in force for a consignment version says: the latest saved for it.</summary>
/// <param name="Lane">Its lane, as stored (<c>Red</c>, <c>Yellow</c>, <c>Green</c>).</param>
/// <param name="Score">Its score.</param>
/// <param name="Reasons">Its reasons' text (<see cref="AssessmentBatches.ReasonsText"/>), unpacked.</param>
public sealed record AssessmentInForce(string Lane, double Score, string Reasons);
