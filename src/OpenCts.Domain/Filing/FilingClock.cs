using OpenCts.Domain.Consignments;

namespace OpenCts.Domain.Filing;

/// <summary>When a consignment's advance filing was due, by the rule of its mode of transport, and whether it came in time.</summary>
/// <param name="Rule">The rule that applies, one of <see cref="FilingRules"/>.</param>
/// <param name="Due">The latest instant the filing may be received: the earliest of the deadlines of the rule.</param>
/// <param name="PreLoadingDue">For air (and post by air): the pre-loading data (PLACI) deadline, at loading; null otherwise.</param>
/// <param name="EntrySummaryDue">The full entry summary deadline.</param>
/// <param name="ReceivedAt">When the filing was received; null when the consignment carries no provenance.</param>
public sealed record FilingDeadline(string Rule, DateTimeOffset Due, DateTimeOffset? PreLoadingDue, DateTimeOffset EntrySummaryDue, DateTimeOffset? ReceivedAt)
{
    /// <summary>Whether the filing was received after it was due.</summary>
    public bool Late => ReceivedAt is { } received && received > Due;
}

/// <summary>The names of the filing rules, as the API and the documentation spell them.</summary>
public static class FilingRules
{
    /// <summary>Sea, containerised (EU ICS2, Canada ACI, US 24-hour rule): the entry summary 24 hours before loading.</summary>
    public const string Sea = "sea-24h-before-loading";

    /// <summary>Air over 4 hours' flight: pre-loading data (PLACI) before loading, the entry summary 4 hours before arrival.</summary>
    public const string AirLongHaul = "air-long-haul";

    /// <summary>Air of 4 hours' flight or less: pre-loading data and the entry summary before loading (ICS2: at the latest at departure).</summary>
    public const string AirShortHaul = "air-short-haul";

    /// <summary>Road (ICS2 release 3, Canada's highway ACI): 1 hour before arrival at the border.</summary>
    public const string Road = "road-1h-before-arrival";

    /// <summary>Rail and inland waterway (ICS2 release 3): 2 hours before arrival at the border.</summary>
    public const string Rail = "rail-2h-before-arrival";
}

/// <summary>The filing clock: computes each consignment's deadline from its mode, departure and estimated arrival (EU ICS2, Canada PACT).</summary>
/// <remarks>
/// Post follows the rules of air, since postal operators file under the air rules of ICS2 and PACT. Multimodal and fixed
/// installations have no rule here. A consignment without the instants its rule needs has no deadline: nothing is late
/// that cannot be timed. The departure is taken as the moment of loading, since messages give no separate loading time.
/// </remarks>
public static class FilingClock
{
    /// <summary>The flight time above which air cargo is long-haul.</summary>
    public static readonly TimeSpan LongHaul = TimeSpan.FromHours(4);

    /// <summary>The deadline of a consignment's filing, or null when no rule applies or its instants are missing.</summary>
    public static FilingDeadline? DeadlineOf(Consignment consignment)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        var received = consignment.Provenance?.ReceivedAt;
        var departure = consignment.Departure;
        var arrival = consignment.EstimatedArrival;
        switch (consignment.Mode)
        {
            case TransportMode.Sea when departure is { } loading:
                var sea = loading - TimeSpan.FromHours(24);
                return new FilingDeadline(FilingRules.Sea, sea, null, sea, received);
            case TransportMode.Air or TransportMode.Postal when departure is { } loading:
                if (arrival is { } landing && landing - loading > LongHaul)
                {
                    return new FilingDeadline(FilingRules.AirLongHaul, loading, loading, landing - LongHaul, received);
                }
                return new FilingDeadline(FilingRules.AirShortHaul, loading, loading, loading, received);
            case TransportMode.Road when arrival is { } border:
                var road = border - TimeSpan.FromHours(1);
                return new FilingDeadline(FilingRules.Road, road, null, road, received);
            case TransportMode.Rail or TransportMode.InlandWaterway when arrival is { } border:
                var rail = border - TimeSpan.FromHours(2);
                return new FilingDeadline(FilingRules.Rail, rail, null, rail, received);
            default:
                return null;
        }
    }

    /// <summary>Hours from the receipt of the filing to loading (the departure); negative when filed after loading, NaN when either is unknown.</summary>
    public static double HoursBeforeLoading(Consignment consignment)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        return consignment.Provenance is { } provenance && consignment.Departure is { } departure
            ? (departure - provenance.ReceivedAt).TotalHours
            : double.NaN;
    }

    /// <summary>Whether the filing was received after its deadline; false when no deadline can be computed.</summary>
    public static bool IsLate(Consignment consignment) => DeadlineOf(consignment)?.Late ?? false;

    /// <summary>Whether a consignment carries the finding that its house or master counterpart was not filed by its deadline.</summary>
    public static bool CounterpartMissing(Consignment consignment)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        foreach (var finding in consignment.DataQuality)
        {
            if (string.Equals(finding.Rule, DataQualityRules.CounterpartMissing, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
