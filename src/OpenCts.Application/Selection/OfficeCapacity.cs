using OpenCts.Domain.Consignments;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Values;
using OpenCts.Storage;
using OpenCts.Storage.Offices;

namespace OpenCts.Application.Selection;

/// <summary>A red-lane consignment as the capacity of its office sees it.</summary>
/// <param name="DocumentKey">The consignment.</param>
/// <param name="Office">The office that examines it: its port of discharge.</param>
/// <param name="Day">The day it is examined: the date of its estimated arrival, or of its assessment when none is known.</param>
/// <param name="Score">Its risk score.</param>
/// <param name="Random">Whether random selection sent it there.</param>
public sealed record RedLaneEntry(string DocumentKey, string? Office, DateOnly Day, double Score, bool Random);

/// <summary>Each office's examination capacity and lane shares, and which red-lane consignments fall beyond the capacity.</summary>
public sealed class OfficeCapacity(ICtsStore store)
{
    /// <summary>Sets an office's capacity and shares, as a new journaled version.</summary>
    /// <exception cref="DomainException">A value is out of range; its field is named.</exception>
    public async Task<OfficeSettings> SetAsync(string office, int? examinationsPerDay, double? redShare, double? yellowShare, double? randomShare, string actor, CancellationToken cancellationToken)
    {
        var code = (office ?? "").Trim().ToUpperInvariant();
        if (code.Length is < 2 or > 17 || !code.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainException("office", $"'{office}' is not an office: a UN/LOCODE such as NLRTM or an office code of letters and digits");
        }
        if (examinationsPerDay is not { } perDay || perDay < 0 || perDay > 1_000_000)
        {
            throw new DomainException("examinationsPerDay", "is required, from 0 to 1000000");
        }
        var red = Share(redShare, "redShare");
        var yellow = Share(yellowShare, "yellowShare");
        if (red + yellow > 1)
        {
            throw new DomainException("yellowShare", $"the red and yellow shares together ({red + yellow}) exceed 1");
        }
        var settings = new OfficeSettings(code, perDay, red, yellow, Share(randomShare, "randomShare"), actor, store.Clock.GetUtcNow());
        await store.Offices.SaveAsync(settings, cancellationToken).ConfigureAwait(false);
        return settings;
    }

    /// <summary>The settings in force of every office.</summary>
    public Task<IReadOnlyList<OfficeSettings>> AllAsync(CancellationToken cancellationToken) => store.Offices.AllAsync(cancellationToken);

    /// <summary>The red-lane consignments beyond their office's capacity for their day.</summary>
    /// <remarks>
    /// Per office and day, random-selection picks first take the slots kept for them (the random share of the capacity,
    /// rounded up), so that risk never crowds out the random control sample; the rest of the capacity is filled by risk,
    /// highest score first, random picks beyond their slots ranked with the others. What does not fit is over capacity:
    /// it stays red and on the worklist, marked. An office without settings has no limit.
    /// </remarks>
    public static IReadOnlySet<string> OverCapacity(IEnumerable<RedLaneEntry> red, IReadOnlyList<OfficeSettings> offices)
    {
        var settings = offices.ToDictionary(o => o.Office, StringComparer.OrdinalIgnoreCase);
        var over = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in red.Where(r => r.Office is not null && settings.ContainsKey(r.Office)).GroupBy(r => (Office: r.Office!.ToUpperInvariant(), r.Day)))
        {
            var office = settings[group.Key.Office];
            var randomSlots = (int)Math.Ceiling(office.ExaminationsPerDay * office.RandomShare);
            var byScore = group.OrderByDescending(r => r.Score).ThenBy(r => r.DocumentKey, StringComparer.Ordinal).ToList();
            var kept = byScore.Where(r => r.Random).Take(randomSlots).ToList();
            var remaining = office.ExaminationsPerDay - kept.Count;
            foreach (var entry in byScore.Except(kept))
            {
                if (remaining > 0)
                {
                    remaining--;
                }
                else
                {
                    over.Add(entry.DocumentKey);
                }
            }
        }
        return over;
    }

    /// <summary>The red-lane assessments beyond their office's capacity, each placed by its consignment (null when unknown): its place of discharge and arrival.</summary>
    public static IReadOnlySet<string> OverCapacity(IEnumerable<Assessment> assessments, Func<string, Consignment?> consignmentOf, IReadOnlyList<OfficeSettings> offices) =>
        offices.Count == 0 ? new HashSet<string>() : OverCapacity(
            assessments.Where(a => a.Lane == Lane.Red).Select(a => consignmentOf(a.DocumentKey) is { } c
                ? EntryOf(a, c.PlaceOfDischarge, c.EstimatedArrival)
                : EntryOf(a, (string?)null, null)),
            offices);

    /// <summary>The entry of a red-lane assessment.</summary>
    public static RedLaneEntry EntryOf(Assessment assessment, UnLocode? office, DateTimeOffset? arrival) => EntryOf(assessment, office?.Value, arrival);

    /// <summary>The entry of a red-lane assessment placed by the columns the store keeps.</summary>
    public static RedLaneEntry EntryOf(Assessment assessment, string? office, DateTimeOffset? arrival) => new(
        assessment.DocumentKey,
        office,
        DateOnly.FromDateTime((arrival ?? assessment.AssessedAt).UtcDateTime),
        assessment.Score,
        assessment.Reasons.Any(r => r.Kind == ReasonKind.RandomSelection));

    private static double Share(double? value, string field) =>
        value is not { } share ? 0 : double.IsFinite(share) && share is >= 0 and <= 1 ? share : throw new DomainException(field, $"{share} must be from 0 to 1");
}
