using OpenCts.Domain.Commerce;

namespace OpenCts.Ingestion.PlatformOrders;

/// <summary>A fault in a platform order file, with its place: the file, the JSON path and the line and column.</summary>
/// <param name="Source">The file or upload as it was named to the reader.</param>
/// <param name="Path">The JSON path of the faulty value, such as <c>$.orders[3].pricePaid</c>; <c>$</c> for the whole file.</param>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The byte in the line, from 1 (UTF-8 bytes, as System.Text.Json counts them).</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="OrderIndex">The index of the order the fault lost, or null when it concerns the file.</param>
public sealed record PlatformOrderError(string Source, string Path, int Line, int Column, string Message, int? OrderIndex)
{
    public override string ToString() => $"{Source}: line {Line}, column {Column}, {Path}: {Message}";
}

/// <summary>What <see cref="PlatformOrderReader"/> read from one file: the good orders and an error for each fault.</summary>
/// <remarks>
/// An order with a fault is left out and each of its faults is listed; the other orders are kept. A fault of the
/// file itself (not JSON, no <c>platform</c>) leaves no orders at all.
/// </remarks>
/// <param name="Source">The file or upload as it was named to the reader.</param>
/// <param name="Platform">The platform the file names, or null when it names none.</param>
/// <param name="Orders">The orders read without fault, in file order.</param>
/// <param name="Errors">Every fault, in file order within each order.</param>
/// <param name="OrdersInFile">How many orders the file holds, good or bad (as far as it could be read).</param>
public sealed record PlatformOrderFile(string Source, string? Platform, IReadOnlyList<PlatformOrder> Orders, IReadOnlyList<PlatformOrderError> Errors, int OrdersInFile)
{
    /// <summary>True when nothing in the file was at fault.</summary>
    public bool IsClean => Errors.Count == 0;
}
