namespace OpenCts.Domain.Examinations;

/// <summary>What an examination found.</summary>
public enum ExaminationOutcome
{
    /// <summary>Nothing irregular.</summary>
    Compliant,

    /// <summary>An irregularity: prohibited goods, misdeclaration, undervaluation.</summary>
    Irregular,
}

/// <summary>The result of examining a consignment, fed back to measure profiles and retrain the model.</summary>
/// <param name="DocumentKey">The consignment's document key.</param>
/// <param name="Outcome">Compliant or irregular.</param>
/// <param name="AmountRecovered">Duties and penalties recovered.</param>
/// <param name="ExaminedAt">When it was examined.</param>
/// <param name="Notes">What the officer found.</param>
public sealed record ExaminationResult(string DocumentKey, ExaminationOutcome Outcome, decimal AmountRecovered, DateTimeOffset ExaminedAt, string? Notes);
