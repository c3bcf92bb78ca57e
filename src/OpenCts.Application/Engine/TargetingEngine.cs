using OpenCts.Domain.Consignments;
using OpenCts.Targeting.Assessment;
using ConsignmentAssessment = OpenCts.Domain.Assessments.Assessment;

namespace OpenCts.Application.Engine;

/// <summary>One immutable snapshot of what assessment needs: compiled profiles, the screening index, trusted traders and the model.</summary>
/// <remarks>
/// Built from the store by <see cref="TargetingEngineHost"/> and replaced whole when profiles, lists or the model change,
/// so a batch is assessed against one consistent set. Safe to call from many threads: each thread gets its own assessor
/// (an assessor reuses its reason buffer), over the shared compiled parts.
/// </remarks>
public sealed class TargetingEngine
{
    private readonly Func<Assessor> _newAssessor;
    private readonly ThreadLocal<Assessor> _assessors;

    internal TargetingEngine(Func<Assessor> newAssessor, AssessmentSettings settings, int profileCount, int watchlistEntries, string? modelVersion, long generation)
    {
        _newAssessor = newAssessor;
        _assessors = new ThreadLocal<Assessor>(newAssessor);
        Settings = settings;
        ProfileCount = profileCount;
        WatchlistEntries = watchlistEntries;
        ModelVersion = modelVersion;
        Generation = generation;
    }

    public AssessmentSettings Settings { get; }

    /// <summary>Profiles in force when the snapshot was built.</summary>
    public int ProfileCount { get; }

    public int WatchlistEntries { get; }

    /// <summary>The model's version, or null when none is trained.</summary>
    public string? ModelVersion { get; }

    /// <summary>Counts the snapshots a host has built, so that a caller can tell a swap happened.</summary>
    public long Generation { get; }

    /// <summary>Assesses one consignment on the calling thread's assessor.</summary>
    public ConsignmentAssessment Assess(Consignment consignment) => _assessors.Value!.Assess(consignment);

    /// <summary>A new assessor of its own, for a worker that keeps one per thread itself.</summary>
    public Assessor CreateAssessor() => _newAssessor();
}
