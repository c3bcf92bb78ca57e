using OpenCts.Domain.Common;
using OpenCts.Domain.Values;

namespace OpenCts.Domain.Consignments;

/// <summary>A container that carries the consignment, with the seals fixed on it.</summary>
public sealed record Equipment
{
    public Equipment(ContainerNumber containerNumber, string? sizeType = null, ValueList<string> seals = default)
    {
        ContainerNumber = containerNumber;
        SizeType = sizeType;
        Seals = seals;
    }

    public ContainerNumber ContainerNumber { get; init; }

    /// <summary>ISO 6346 size and type code, such as <c>45G1</c>.</summary>
    public string? SizeType { get; init => field = Guard.Optional(value, "sizeType", 4); }

    public ValueList<string> Seals { get; init => field = Guard.Each(value, "seals", s => Guard.NotBlank(s, "", 32)); }
}
