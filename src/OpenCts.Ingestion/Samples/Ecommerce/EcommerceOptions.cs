namespace OpenCts.Ingestion.Samples.Ecommerce;

/// <summary>Settings of the synthetic e-commerce stream; every share is a probability between 0 and 1.</summary>
/// <param name="Start">Departures fall in the <see cref="WindowDays"/> days before this instant, in stream order.</param>
public sealed record EcommerceOptions(DateTimeOffset Start)
{
    /// <summary>Days the parcels are spread over (30 or more, so that 30-day rolling counts have history); default 60.</summary>
    public int WindowDays { get; init; } = 60;

    /// <summary>Share of parcels with a platform order; default 0.6.</summary>
    public double OrderShare { get; init; } = 0.6;

    /// <summary>Share of parcels addressed to a splitting ring's receiver; default 0.05 (about ten parcels per ring).</summary>
    public double RingShare { get; init; } = 0.05;

    /// <summary>Share of the goods lines of other parcels that are undervalued (5 to 25% of their normal value); default 0.04.</summary>
    public double UndervaluedShare { get; init; } = 0.04;

    /// <summary>Share of those lines whose description names goods of another heading than their HS code; default 0.02.</summary>
    public double MisdescribedShare { get; init; } = 0.02;

    /// <summary>Share of those lines that name a protected brand or a look-alike, far below its floor, from an origin it does not authorise; default 0.03.</summary>
    public double FakeBrandShare { get; init; } = 0.03;

    /// <summary>Share of those lines that are genuine brand goods (authorised origin, above the floor), which must not be flagged; default 0.01.</summary>
    public double GenuineBrandShare { get; init; } = 0.01;

    /// <summary>Share of ordinary parcels sent to an earlier buyer again, with exactly the same details; default 0.25.</summary>
    public double RepeatBuyerShare { get; init; } = 0.25;

    /// <summary>Share of ordinary buyers who live at the previous buyer's address (half of them with the same surname); default 0.05.</summary>
    public double SharedAddressShare { get; init; } = 0.05;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A share outside 0 to 1, line shares that add up to more than 1, or a window shorter than 30 days.</exception>
    public void Validate()
    {
        if (WindowDays < 30)
        {
            throw new ArgumentOutOfRangeException(nameof(WindowDays), WindowDays, "the window must be 30 days or more, so that a splitting ring's 30 days fit in it");
        }
        foreach (var (name, share) in (ReadOnlySpan<(string, double)>)[
            (nameof(OrderShare), OrderShare), (nameof(RingShare), RingShare), (nameof(UndervaluedShare), UndervaluedShare),
            (nameof(MisdescribedShare), MisdescribedShare), (nameof(FakeBrandShare), FakeBrandShare), (nameof(GenuineBrandShare), GenuineBrandShare),
            (nameof(RepeatBuyerShare), RepeatBuyerShare), (nameof(SharedAddressShare), SharedAddressShare)])
        {
            if (share is < 0 or > 1 || double.IsNaN(share))
            {
                throw new ArgumentOutOfRangeException(name, share, "a share must lie between 0 and 1");
            }
        }
        if (UndervaluedShare + MisdescribedShare + FakeBrandShare + GenuineBrandShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(UndervaluedShare), "the shares of planted lines add up to more than 1");
        }
    }
}
