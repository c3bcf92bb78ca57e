using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Serialization;
using OpenCts.Storage.Assessments;

namespace OpenCts.Storage.Sqlite.Assessments;

internal sealed partial class SqliteAssessmentStore
{
    public Task<IReadOnlyList<Assessment>> OfAsync(string documentKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command($"SELECT {AssessmentColumns.Select} FROM assessments WHERE document_key = $k ORDER BY id");
        command.Parameters.AddWithValue("$k", documentKey);
        using var reader = command.ExecuteReader();
        var result = new List<Assessment>();
        while (reader.Read())
        {
            result.Add(ReadAssessment(reader, 0));
        }
        return Task.FromResult<IReadOnlyList<Assessment>>(result);
    }

    public Task<IReadOnlyList<AssessedVersion>> AssessedAfterAsync(long after, int take, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT id, document_key, consignment_version FROM assessments WHERE id > $after ORDER BY id LIMIT $take");
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$take", take);
        using var reader = command.ExecuteReader();
        var result = new List<AssessedVersion>();
        while (reader.Read())
        {
            result.Add(new AssessedVersion(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2)));
        }
        return Task.FromResult<IReadOnlyList<AssessedVersion>>(result);
    }
}
