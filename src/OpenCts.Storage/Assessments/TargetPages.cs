using OpenCts.Domain.Assessments;

namespace OpenCts.Storage.Assessments;

/// <summary>How a page of current targets is ordered.</summary>
public enum TargetOrder
{
    /// <summary>Highest lane, then highest score, then document key.</summary>
    Risk,

    /// <summary>Soonest estimated arrival first, those without one last; ties by risk.</summary>
    Arrival,
}

/// <summary>What a page of current targets is cut from and where.</summary>
/// <param name="Lane">Only this lane; null for every lane.</param>
/// <param name="Text">Only documents whose number or key holds this text, ignoring case; null or blank for all.</param>
/// <param name="Order">The order of the rows.</param>
/// <param name="Skip">Rows skipped before the page.</param>
/// <param name="Take">Rows in the page at most.</param>
public sealed record TargetQuery(Lane? Lane, string? Text, TargetOrder Order, int Skip, int Take);

/// <summary>A current target with where and when its goods arrive, as its current version declares.</summary>
public sealed record PlacedTarget(TargetRow Target, string? PlaceOfDischarge, DateTimeOffset? EstimatedArrival);

/// <summary>A current target with the consignment version its assessment was made on.</summary>
public sealed record TargetedConsignment(TargetRow Target, Messages.StoredConsignment Consignment);

/// <summary>One page of current targets and how many match in all.</summary>
public sealed record TargetPage(IReadOnlyList<PlacedTarget> Items, int Total);

/// <summary>A red-lane target as an office's capacity counts it.</summary>
public sealed record RedLaneTarget(Assessment Assessment, string? PlaceOfDischarge, DateTimeOffset? EstimatedArrival);
