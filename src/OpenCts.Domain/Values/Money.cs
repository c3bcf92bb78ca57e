using OpenCts.Domain.Common;

namespace OpenCts.Domain.Values;

/// <summary>An amount in one currency, such as a declared customs or invoice value.</summary>
public readonly record struct Money
{
    public Money(decimal amount, CurrencyCode currency)
    {
        if (amount < 0)
        {
            throw new DomainException("amount", $"value {amount} must not be negative");
        }
        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public CurrencyCode Currency { get; }

    public override string ToString() => $"{Amount:0.##} {Currency}";
}
