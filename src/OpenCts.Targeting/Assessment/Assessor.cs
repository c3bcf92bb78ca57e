using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using ConsignmentAssessment = OpenCts.Domain.Assessments.Assessment;

namespace OpenCts.Targeting.Assessment;

/// <summary>
/// Assesses consignments: runs the profiles, the watch lists and the model, adds up the score, applies
/// trusted-trader facilitation and random control selection, and picks the lane, keeping every reason.
/// </summary>
public sealed class Assessor(
    IRiskProfileSet profiles,
    IPartyScreening? screening,
    ITrustedTraders? trustedTraders,
    IRiskModel? model,
    AssessmentSettings settings,
    TimeProvider clock)
{
    private readonly List<Reason> _reasons = new(16);

    public AssessmentSettings Settings => settings;

    /// <summary>Assesses one consignment. Not thread-safe: use one assessor per thread.</summary>
    public ConsignmentAssessment Assess(Consignment consignment)
    {
        var now = clock.GetUtcNow();
        _reasons.Clear();
        profiles.Evaluate(consignment, _reasons);
        screening?.Screen(consignment, _reasons);
        if (model?.Explain(consignment) is { } modelReason)
        {
            _reasons.Add(modelReason);
        }
        var watchlistHit = false;
        var score = 0.0;
        foreach (var reason in _reasons)
        {
            score += reason.Score;
            watchlistHit |= reason.Kind == ReasonKind.Watchlist;
        }
        // Facilitation is for the compliant: a trusted trader named in a watch-list hit gets none.
        var programme = watchlistHit ? null : TrustedProgramme(consignment, now);
        if (programme is not null)
        {
            var reduction = Math.Min(settings.TrustedTraderReduction, score);
            _reasons.Add(new Reason(ReasonKind.TrustedTrader, programme, "Trusted trader", -reduction, $"{programme}: score lowered by {reduction:0.#}; documentary checks waived"));
            score -= reduction;
        }
        score = Math.Max(0, score);
        var lane = LaneDecision.Decide(score, _reasons, settings);
        var rate = settings.RandomRate(lane);
        if (rate > 0 && Draw(consignment) < rate)
        {
            _reasons.Add(new Reason(ReasonKind.RandomSelection, "random-control", "Random control selection", 0,
                $"picked at random from the {lane.ToString().ToLowerInvariant()} lane (rate {rate:P1}, seed {settings.RandomSeed}) to measure compliance"));
            lane = LaneDecision.Decide(score, _reasons, settings);
        }
        if (consignment.DataQuality.Count > 0)
        {
            _reasons.Add(DataQualityReason(consignment));
        }
        var version = consignment.Provenance?.Version ?? 1;
        return new ConsignmentAssessment(consignment.Document.Key, version, Math.Round(score, 2), lane, new ValueList<Reason>(_reasons.OrderByDescending(r => r.Score)), now);
    }

    /// <summary>The findings an officer should see beside the score: what the sender got wrong, field by field.</summary>
    private static Reason DataQualityReason(Consignment consignment)
    {
        var findings = consignment.DataQuality;
        var rules = string.Join(", ", findings.Select(f => f.Rule).Distinct(StringComparer.Ordinal));
        return new Reason(ReasonKind.DataQuality, "data-quality", $"Data quality: {findings.Count} finding{(findings.Count == 1 ? "" : "s")}", 0,
            $"{rules}; poor data is itself a risk indicator",
            new ValueList<Evidence>(findings.Select(f => new Evidence(f.Rule, f.Path, f.Value ?? "(missing)"))));
    }

    private string? TrustedProgramme(Consignment consignment, DateTimeOffset now)
    {
        if (trustedTraders is null)
        {
            return null;
        }
        foreach (var party in consignment.Parties)
        {
            if (party.Role is PartyRole.Consignee or PartyRole.Declarant or PartyRole.Consignor && trustedTraders.ProgrammeOf(party, now) is { } programme)
            {
                return programme;
            }
        }
        return null;
    }

    /// <summary>A uniform draw in [0, 1) fixed by the seed, the document and its version, whatever the order of assessment.</summary>
    private double Draw(Consignment consignment)
    {
        var key = $"{settings.RandomSeed}|{consignment.Document.Key}|{consignment.Provenance?.Version ?? 1}";
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
