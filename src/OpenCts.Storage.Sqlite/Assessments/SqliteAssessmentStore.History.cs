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
}
