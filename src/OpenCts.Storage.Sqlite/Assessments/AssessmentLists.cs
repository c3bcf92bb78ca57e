using Microsoft.Data.Sqlite;
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
/// The commands are rented once for a save and bound again for each assessment.
/// </remarks>
internal sealed class AssessmentLists : IDisposable
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

    private readonly SqliteCommand _version;
    private readonly SqliteParameter _versionKey;
    private readonly SqliteParameter _versionNumber;
    private readonly SqliteCommand _pending;
    private readonly SqliteParameter _pendingId;
    private readonly SqliteCommand _target;
    private readonly SqliteParameter _targetVersion;
    private readonly SqliteParameter _targetAssessment;
    private readonly SqliteParameter _targetLane;
    private readonly SqliteParameter _targetScore;
    private readonly SqliteParameter _targetArrival;
    private readonly SqliteParameter _targetDischarge;
    private readonly SqliteParameter _targetKey;

    public AssessmentLists(SqliteStore store, SqliteTransaction transaction)
    {
        _version = store.Command(VersionSql, transaction);
        _versionKey = _version.Parameters.Add("$key", SqliteType.Text);
        _versionNumber = _version.Parameters.Add("$version", SqliteType.Integer);
        _pending = store.Command(PendingSql, transaction);
        _pendingId = _pending.Parameters.Add("$id", SqliteType.Integer);
        _target = store.Command(TargetSql, transaction);
        _targetVersion = _target.Parameters.Add("$version", SqliteType.Integer);
        _targetAssessment = _target.Parameters.Add("$assessment", SqliteType.Integer);
        _targetLane = _target.Parameters.Add("$lane", SqliteType.Integer);
        _targetScore = _target.Parameters.Add("$score", SqliteType.Real);
        _targetArrival = _target.Parameters.Add("$arrival", SqliteType.Integer);
        _targetDischarge = _target.Parameters.Add("$discharge", SqliteType.Text);
        _targetKey = _target.Parameters.Add("$key", SqliteType.Text);
    }

    /// <summary>Takes the assessment just inserted, with its id, into the pending list and the worklist.</summary>
    public void Keep(long assessmentId, Assessment assessment)
    {
        _versionKey.Value = assessment.DocumentKey;
        _versionNumber.Value = assessment.ConsignmentVersion;
        long versionId;
        long arrival;
        object discharge;
        bool current;
        using (var reader = _version.ExecuteReader())
        {
            if (!reader.Read())
            {
                // A version the store does not hold is in neither list.
                return;
            }
            versionId = reader.GetInt64(0);
            arrival = reader.GetInt64(1);
            discharge = reader.IsDBNull(2) ? DBNull.Value : reader.GetString(2);
            current = reader.GetInt64(3) != 0;
        }
        _pendingId.Value = versionId;
        _pending.ExecuteNonQuery();
        if (!current)
        {
            return;
        }
        _targetVersion.Value = versionId;
        _targetAssessment.Value = assessmentId;
        // The worklist's lane rank is the lane's value (red first), as its readers compare it.
        _targetLane.Value = (int)assessment.Lane;
        _targetScore.Value = assessment.Score;
        _targetArrival.Value = arrival;
        _targetDischarge.Value = discharge;
        _targetKey.Value = assessment.DocumentKey;
        _target.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _version.Dispose();
        _pending.Dispose();
        _target.Dispose();
    }
}
