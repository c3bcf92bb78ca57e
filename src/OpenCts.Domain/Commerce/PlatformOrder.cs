using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Domain.Commerce;

/// <summary>One line of a platform order: what the buyer bought, how many, and at what price.</summary>
/// <remarks>The unit price is in the order's currency, so it is kept as <see cref="Money"/> with that currency.</remarks>
public sealed record PlatformOrderItem
{
    public PlatformOrderItem(string description, int quantity, Money unitPrice, HsCode? hsCode = null, string? brand = null)
    {
        Description = description;
        Quantity = quantity;
        UnitPrice = unitPrice;
        HsCode = hsCode;
        Brand = brand;
    }

    /// <summary>The item's title as the platform lists it.</summary>
    public string Description { get; init => field = Guard.NotBlank(value, "description", 1024); } = "";

    /// <summary>How many units were bought, 1 or more.</summary>
    public int Quantity { get; init => field = value >= 1 ? value : throw new DomainException("quantity", $"{value} must be 1 or more"); }

    /// <summary>The price of one unit in the order's currency.</summary>
    public Money UnitPrice { get; init; }

    /// <summary>The HS code the platform or seller gives the item, when it gives one.</summary>
    public HsCode? HsCode { get; init; }

    /// <summary>The brand the listing names, when it names one.</summary>
    public string? Brand { get; init => field = Guard.Optional(value, "brand", 128); }

    /// <summary>Quantity times unit price.</summary>
    public decimal LineAmount => Quantity * UnitPrice.Amount;
}

/// <summary>
/// An order on an e-commerce platform (marketplace or web shop) as the platform shares it with customs ahead of the
/// parcel: seller, buyer, items and the price actually paid, in the spirit of the WCO E-Commerce Framework of Standards.
/// </summary>
/// <remarks>
/// The order is linked to its parcel by <see cref="TrackingNumber"/>, which equals the parcel's transport document
/// number (<see cref="TransportDocument.Number"/>). Every amount is in one currency, the order's; the constructor refuses
/// amounts in another, so a reader never compares prices in two currencies by mistake.
/// </remarks>
public sealed record PlatformOrder
{
    public PlatformOrder(
        string platform,
        string orderNumber,
        DateTimeOffset orderDate,
        Party seller,
        Party buyer,
        ValueList<PlatformOrderItem> items,
        Money pricePaid,
        string trackingNumber,
        Money? shippingCost = null)
    {
        Platform = platform;
        OrderNumber = orderNumber;
        OrderDate = orderDate;
        Seller = seller;
        Buyer = buyer;
        Items = items;
        PricePaid = pricePaid;
        TrackingNumber = trackingNumber;
        ShippingCost = shippingCost;
        for (var i = 0; i < Items.Count; i++)
        {
            if (Items[i].UnitPrice.Currency != pricePaid.Currency)
            {
                throw new DomainException($"items[{i}].unitPrice", $"is in {Items[i].UnitPrice.Currency}; the order is in {pricePaid.Currency}");
            }
        }
        if (shippingCost is { } shipping && shipping.Currency != pricePaid.Currency)
        {
            throw new DomainException("shippingCost", $"is in {shipping.Currency}; the order is in {pricePaid.Currency}");
        }
    }

    /// <summary>The platform that shared the order, such as a marketplace's name.</summary>
    public string Platform { get; init => field = Guard.NotBlank(value, "platform", 128); }

    /// <summary>The platform's reference of the order; with <see cref="Platform"/> it identifies the order.</summary>
    public string OrderNumber { get; init => field = Guard.NotBlank(value, "orderNumber", 64); }

    /// <summary>When the buyer placed the order.</summary>
    public DateTimeOffset OrderDate { get; init; }

    /// <summary>The seller, with role <see cref="PartyRole.Seller"/>.</summary>
    public Party Seller { get; init => field = value ?? throw new DomainException("seller", "is required"); }

    /// <summary>The buyer, with role <see cref="PartyRole.Buyer"/>.</summary>
    public Party Buyer { get; init => field = value ?? throw new DomainException("buyer", "is required"); }

    /// <summary>What was bought, at least one item.</summary>
    public ValueList<PlatformOrderItem> Items
    {
        get;
        init => field = value.Count > 0 ? value : throw new DomainException("items", "an order needs at least one item");
    }

    /// <summary>What the buyer paid for the whole order, shipping included.</summary>
    public Money PricePaid { get; init; }

    /// <summary>The carrier's tracking number: the transport document number of the parcel that carries the order.</summary>
    public string TrackingNumber { get; init => field = Guard.NotBlank(value, "trackingNumber", 64); }

    /// <summary>What the buyer paid for shipping, when the platform says.</summary>
    public Money? ShippingCost { get; init; }

    /// <summary>The order's currency: that of <see cref="PricePaid"/>.</summary>
    public CurrencyCode Currency => PricePaid.Currency;
}
