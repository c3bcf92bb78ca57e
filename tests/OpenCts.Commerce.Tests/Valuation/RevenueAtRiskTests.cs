using OpenCts.Commerce.Valuation;
using OpenCts.Domain.Values;

namespace OpenCts.Commerce.Tests.Valuation;

public sealed class RevenueAtRiskTests
{
    private static readonly CommerceSettings Settings = new()
    {
        NationalCurrency = CurrencyCode.Parse("EUR"),
        DutyDeMinimis = 150,
        VatDeMinimis = 0,
        VatRate = 0.21,
        DefaultDutyRate = 0.1,
    };

    [Fact]
    public void Above_the_thresholds_the_loss_is_the_value_difference_times_duty_and_VAT_on_duty()
    {
        // 20 kg at a reference of 50 a kg, declared at 20 a kg: 600 undeclared.
        var loss = RevenueAtRisk.Of(Settings, "851830", declaredValue: 400, referenceValue: 1000);

        Assert.Equal((50 - 20) * 20 * (0.1 + (0.21 * 1.1)), loss, 9);
    }

    [Fact]
    public void A_line_declared_at_or_above_its_reference_value_risks_nothing()
    {
        Assert.Equal(0, RevenueAtRisk.Of(Settings, "851830", 1000, 1000));
        Assert.Equal(0, RevenueAtRisk.Of(Settings, "851830", 1200, 1000));
    }

    [Fact]
    public void A_line_declared_under_the_duty_de_minimis_with_a_reference_above_it_loses_the_whole_duty_of_the_reference()
    {
        var loss = RevenueAtRisk.Of(Settings, "851830", declaredValue: 100, referenceValue: 300);

        // At 300: duty 30, VAT 0.21 × 330; at 100: no duty, VAT 21.
        Assert.Equal(30 + (0.21 * 330) - 21, loss, 9);
    }

    [Fact]
    public void Both_values_under_the_duty_de_minimis_lose_only_VAT()
    {
        Assert.Equal(0.21 * 50, RevenueAtRisk.Of(Settings, "851830", 50, 100), 9);
    }

    [Fact]
    public void An_unknown_value_gives_NaN()
    {
        Assert.True(double.IsNaN(RevenueAtRisk.Of(Settings, "851830", double.NaN, 100)));
        Assert.True(double.IsNaN(RevenueAtRisk.Of(Settings, "851830", 100, double.NaN)));
    }
}
