namespace OpenCts.Commerce.Valuation;

/// <summary>Duty and VAT, in the national currency, due at the reference value of a line but not at its declared value.</summary>
/// <remarks>
/// Above both de minimis thresholds this is <c>(reference − declared) × mass × (duty + VAT × (1 + duty))</c>. A threshold
/// compares the line's whole value: at or below <see cref="CommerceSettings.DutyDeMinimis"/> no duty is collected on it,
/// so a line declared under the threshold whose reference value is above it loses the whole duty of the reference
/// value, not just the duty of the difference; the same holds for VAT and <see cref="CommerceSettings.VatDeMinimis"/>.
/// docs/ecommerce.md#reference-values-and-revenue-at-risk gives the rule with examples.
/// </remarks>
public static class RevenueAtRisk
{
    /// <summary>The taxes lost: tax at the reference value minus tax at the declared one, never negative; NaN when either value is unknown.</summary>
    /// <param name="settings">The rates and thresholds.</param>
    /// <param name="hs">The declared HS code, for its duty rate.</param>
    /// <param name="declaredValue">The line's declared value in the national currency.</param>
    /// <param name="referenceValue">The line's value at the reference unit value (reference per kg × mass).</param>
    public static double Of(CommerceSettings settings, ReadOnlySpan<char> hs, double declaredValue, double referenceValue)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!double.IsFinite(declaredValue) || !double.IsFinite(referenceValue))
        {
            return double.NaN;
        }
        if (referenceValue <= declaredValue)
        {
            return 0;
        }
        var duty = settings.DutyRate(hs);
        return Math.Max(0, Taxes(settings, duty, referenceValue) - Taxes(settings, duty, declaredValue));
    }

    /// <summary>Duty and VAT on a line of that value.</summary>
    public static double Taxes(CommerceSettings settings, double dutyRate, double value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var duty = value > settings.DutyDeMinimis ? value * dutyRate : 0;
        var vat = value > settings.VatDeMinimis ? (value + duty) * settings.VatRate : 0;
        return duty + vat;
    }
}
