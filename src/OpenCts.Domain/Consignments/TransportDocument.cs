using OpenCts.Domain.Common;

namespace OpenCts.Domain.Consignments;

/// <summary>The document that carries a consignment: bill of lading, air waybill, postal item or declaration.</summary>
public sealed record TransportDocument
{
    public TransportDocument(string number, TransportDocumentKind kind, string? masterNumber = null)
    {
        Number = number;
        Kind = kind;
        MasterNumber = masterNumber;
    }

    /// <summary>The document number as issued, such as a bill of lading number or <c>176-12345675</c>.</summary>
    public string Number { get; init => field = Guard.NotBlank(value, "document.number", 64); }

    public TransportDocumentKind Kind { get; init => field = Enum.IsDefined(value) ? value : throw new DomainException("document.kind", $"{value} is not a document kind"); }

    /// <summary>For a house document, the master (ocean bill or air waybill) it is consolidated under.</summary>
    public string? MasterNumber { get; init => field = Guard.Optional(value, "document.masterNumber", 64); }

    /// <summary>The key that makes later messages for the same document new versions of it.</summary>
    public string Key => $"{Kind}:{Number}";
}
