using OpenCts.Domain.Assessments;

namespace OpenCts.Storage.Sqlite.Assessments;

/// <summary>
/// Keeps the two lists a new assessment changes, in the statements of the save that inserts it: its version leaves the
/// pending list, and the worklist's row of the version takes it when the version is current and active and the
/// assessment is the latest of it.
/// </summary>
/// <remarks>
/// Triggers on the assessment's insert did this until the nineteenth round (docs/performance.md). A statement that
/// fires a trigger, or that has <c>RETURNING</c>, may stop halfway, so SQLite journals each page it changes to undo that
/// statement alone: a bulk run's writer spent about an eighth of its time copying pages into those journals and freeing
/// them. None of the statements here fires a trigger or may write more than one row. The triggers on an assessment's
/// delete stay (a purge is rare); PostgreSQL keeps its triggers, which cost no such journal.
/// The statements are the writer's, kept prepared, and bound again for each assessment.
/// </remarks>
internal sealed class AssessmentLists
{
    // The version's row and whether it is the consignment's current one and active, as the triggers asked; versions
    // first, by their (document, version) key, then the consignment by its key.
    private const string VersionSql =
        """
        SELECT v.id, COALESCE(v.arrival_ticks, 9223372036854775807), v.discharge, c.current_version = v.version AND c.status = 'active'
        FROM consignment_versions v CROSS JOIN consignments c
        WHERE v.document_key = $key AND v.version = $version AND c.document_key = v.document_key
        """;

    private const string PendingSql = "DELETE FROM pending_assessments WHERE version_id = $id";

    // A later assessment of the same version replaces the row; an earlier one (a lower id) never does.
    private const string TargetSql =
        """
        INSERT INTO current_targets (version_id, assessment_id, lane_rank, score, arrival_order, discharge, document_key)
        VALUES ($version, $assessment, $lane, $score, $arrival, $discharge, $key)
        ON CONFLICT (version_id) DO UPDATE SET
            assessment_id = excluded.assessment_id, lane_rank = excluded.lane_rank, score = excluded.score
        WHERE excluded.assessment_id > current_targets.assessment_id
        """;

    private readonly RawStatement _version;
    private readonly int _versionKey;
    private readonly int _versionNumber;
    private readonly RawStatement _pending;
    private readonly int _pendingId;
    private readonly RawStatement _target;
    private readonly int _targetVersion;
    private readonly int _targetAssessment;
    private readonly int _targetLane;
    private readonly int _targetScore;
    private readonly int _targetArrival;
    private readonly int _targetDischarge;
    private readonly int _targetKey;

    /// <param name="store">The store, whose writer runs the statements in its transaction (they are the writer's, kept prepared: <see cref="RawStatement"/>).</param>
    public AssessmentLists(SqliteStore store)
    {
        _version = store.WriterStatement(VersionSql);
        _versionKey = _version.Parameter("$key");
        _versionNumber = _version.Parameter("$version");
        _pending = store.WriterStatement(PendingSql);
        _pendingId = _pending.Parameter("$id");
        _target = store.WriterStatement(TargetSql);
        _targetVersion = _target.Parameter("$version");
        _targetAssessment = _target.Parameter("$assessment");
        _targetLane = _target.Parameter("$lane");
        _targetScore = _target.Parameter("$score");
        _targetArrival = _target.Parameter("$arrival");
        _targetDischarge = _target.Parameter("$discharge");
        _targetKey = _target.Parameter("$key");
    }

    /// <summary>Takes the assessment just inserted, with its id, into the pending list and the worklist.</summary>
    public void Keep(long assessmentId, Assessment assessment)
    {
        _version.Bind(_versionKey, assessment.DocumentKey);
        _version.Bind(_versionNumber, assessment.ConsignmentVersion);
        if (!_version.Read())
        {
            // A version the store does not hold is in neither list.
            return;
        }
        var versionId = _version.Int64(0);
        var arrival = _version.Int64(1);
        var discharge = _version.Text(2);
        var current = _version.Int64(3) != 0;
        _version.Reset();
        _pending.Bind(_pendingId, versionId);
        _pending.Run();
        if (!current)
        {
            return;
        }
        _target.Bind(_targetVersion, versionId);
        _target.Bind(_targetAssessment, assessmentId);
        // The worklist's lane rank is the lane's value (red first), as its readers compare it.
        _target.Bind(_targetLane, (long)assessment.Lane);
        _target.Bind(_targetScore, assessment.Score);
        _target.Bind(_targetArrival, arrival);
        _target.Bind(_targetDischarge, discharge);
        _target.Bind(_targetKey, assessment.DocumentKey);
        _target.Run();
    }
}
