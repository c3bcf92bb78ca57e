using OpenCts.Domain.Consignments;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>What compiled criteria read besides the consignment: the present instant and the watch-list screening.</summary>
/// <remarks>
/// One context per thread: <see cref="Refresh"/> fixes "now" once per consignment, so that every criterion of one
/// assessment sees the same instant. Reference lists are not here: <see cref="ProfileEnvironment"/> resolves them
/// when a profile is compiled and the delegate holds the set itself.
/// </remarks>
public sealed class EvaluationContext(TimeProvider clock, IScreeningFunction? screening = null)
{
    public TimeProvider Clock => clock;

    /// <summary>The recorder a hit's evidence is collected with, reused from one hit to the next on this context's thread.</summary>
    internal EvidenceRecorder Recorder { get; } = new();

    public IScreeningFunction? Screening => screening;

    /// <summary>The instant criteria compare with, as fixed by the last <see cref="Refresh"/> or <see cref="At"/>.</summary>
    public DateTimeOffset Now { get; private set; } = clock.GetUtcNow();

    /// <summary><see cref="Now"/> in seconds since 1970, the run-time form of a date.</summary>
    public double NowSeconds { get; private set; } = clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Reads the clock again.</summary>
    public EvaluationContext Refresh() => At(clock.GetUtcNow());

    /// <summary>Fixes the instant criteria compare with.</summary>
    public EvaluationContext At(DateTimeOffset now)
    {
        Now = now;
        NowSeconds = now.ToUnixTimeMilliseconds() / 1000.0;
        return this;
    }

    /// <summary>The best watch-list similarity of a party; NaN (so that every comparison fails) without a party or a screener.</summary>
    public double Screen(Party? party, string? list) =>
        party is null || screening is null ? double.NaN : screening.BestScore(party, list);
}
