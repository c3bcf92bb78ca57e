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
/// <param name="Finding">What was found, in the officers' terms (<see cref="ExaminationFindings"/>), when recorded by hand; null from a results file.</param>
/// <param name="Currency">The currency of <paramref name="AmountRecovered"/>, when given.</param>
/// <param name="Quantity">How much was seized or detained, when given.</param>
public sealed record ExaminationResult(
    string DocumentKey,
    ExaminationOutcome Outcome,
    decimal AmountRecovered,
    DateTimeOffset ExaminedAt,
    string? Notes,
    string? Finding = null,
    string? Currency = null,
    decimal? Quantity = null);

/// <summary>What an examiner reports finding, as the API spells it; each maps to an <see cref="ExaminationOutcome"/>.</summary>
public static class ExaminationFindings
{
    public const string NoFind = "no-find";
    public const string Seizure = "seizure";
    public const string RevenueAdjustment = "revenue-adjustment";
    public const string IprDetention = "ipr-detention";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [NoFind, Seizure, RevenueAdjustment, IprDetention, Other];

    /// <summary>Compliant for no find, irregular for anything found.</summary>
    public static ExaminationOutcome OutcomeOf(string finding) =>
        string.Equals(finding, NoFind, StringComparison.Ordinal) ? ExaminationOutcome.Compliant : ExaminationOutcome.Irregular;
}
