namespace OpenCts.Bench.Quality;

/// <summary>Recall on the variants of one kind.</summary>
/// <param name="Kind">How the variants were made.</param>
/// <param name="Screened">Variants of this kind screened (those that differ from their listed name once normalised).</param>
/// <param name="Found">Screened variants for which their own entry alerts.</param>
/// <param name="DroppedIdentity">Variants of this kind dropped unscreened because they normalise to the name they came from.</param>
public sealed record KindRecall(VariantKind Kind, int Screened, int Found, int DroppedIdentity)
{
    /// <summary>Found over screened; NaN when none was screened, so that an empty kind cannot pass for a perfect one.</summary>
    public double Recall => Screened == 0 ? double.NaN : (double)Found / Screened;
}

/// <summary>False alerts among the ordinary names of one tradition.</summary>
/// <param name="Tradition">The tradition the names were drawn from.</param>
/// <param name="Pool">Ordinary names of this tradition screened.</param>
/// <param name="Alerts">Those that alerted.</param>
public sealed record TraditionFalseAlerts(NameTradition Tradition, int Pool, int Alerts)
{
    public double Rate => Pool == 0 ? double.NaN : (double)Alerts / Pool;
}
