using OpenCts.Commerce.Classification;
using OpenCts.Commerce.Ipr;
using OpenCts.Commerce.Valuation;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce;

/// <summary>Computes the <see cref="GoodsFacts"/> of one goods line from the settings, exchange rates, reference values, classifier and IPR register.</summary>
/// <remarks>
/// One call per line: a currency conversion, two lookups in the reference values, one scoring of the description and
/// one scan of it for brands. <see cref="Compute"/> only reads; the application calls <see cref="Observe"/> after it, so
/// that a line's percentile is taken against the history before it. The classifier and the register are optional:
/// without them the facts they give are null and NaN.
/// </remarks>
public sealed class GoodsFactsCalculator
{
    private readonly CommerceSettings _settings;
    private readonly ExchangeRates _rates;
    private readonly ReferenceValues _references;
    private readonly HsClassifier? _classifier;
    private readonly IprRegister? _register;

    public GoodsFactsCalculator(CommerceSettings settings, ExchangeRates rates, ReferenceValues references, HsClassifier? classifier = null, IprRegister? register = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(references);
        if (rates.National != settings.NationalCurrency)
        {
            throw new ArgumentException($"the rates convert into {rates.National}, the settings' national currency is {settings.NationalCurrency}", nameof(rates));
        }
        if (register?.Currency is { } floors && floors != settings.NationalCurrency)
        {
            throw new ArgumentException($"the register's price floors are in {floors}, the settings' national currency is {settings.NationalCurrency}", nameof(register));
        }
        _settings = settings;
        _rates = rates;
        _references = references;
        _classifier = classifier;
        _register = register;
    }

    /// <summary>The facts of a line.</summary>
    /// <param name="item">The goods line.</param>
    /// <param name="platformPriceNational">What the buyer paid on the platform for the line, in the national currency; NaN without a platform order.</param>
    /// <param name="manufacturer">The manufacturer (or the shipper, when that is all the document says), for the IPR register; null when unknown.</param>
    public GoodsFacts Compute(GoodsItem item, double platformPriceNational = double.NaN, string? manufacturer = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var declared = DeclaredNational(item);
        var mass = Mass(item);
        var hs = item.HsCode?.Value;
        var origin = item.Origin?.Value;
        var percentile = double.NaN;
        var revenueAtRisk = double.NaN;
        if (hs is not null)
        {
            var unitValue = declared / mass;
            percentile = _references.Percentile(hs, origin, unitValue, out var median);
            revenueAtRisk = RevenueAtRisk.Of(_settings, hs, declared, median * mass);
        }
        var paid = platformPriceNational > 0 ? platformPriceNational : double.NaN;
        string? predicted = null;
        var agreement = double.NaN;
        if (_classifier is not null && !item.DescriptionVague)
        {
            predicted = _classifier.PredictHeading(item.Description, hs, out agreement);
        }
        var ipr = _register?.Match(item.Description, origin, manufacturer, declared / Math.Max(1, item.Packages));
        return new GoodsFacts(percentile, revenueAtRisk, paid, declared / paid, predicted, agreement, ipr?.Brand, ipr?.Suspect ?? false);
    }

    /// <summary>Learns the line's unit value into the reference values; a line without a code, a convertible value or a mass teaches nothing.</summary>
    public void Observe(GoodsItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.HsCode is { } hs)
        {
            _references.Observe(hs.Value, item.Origin?.Value, DeclaredNational(item) / Mass(item));
        }
    }

    /// <summary>The line's unit value in the national currency per kilogram (net mass when given); NaN when it cannot be computed.</summary>
    public double UnitValue(GoodsItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return DeclaredNational(item) / Mass(item);
    }

    private double DeclaredNational(GoodsItem item) => item.Value is { } value ? _rates.ToNational(value) : double.NaN;

    private static double Mass(GoodsItem item) =>
        item.NetMassKg is { } net && net > 0 ? (double)net : item.GrossMassKg > 0 ? (double)item.GrossMassKg : double.NaN;
}
