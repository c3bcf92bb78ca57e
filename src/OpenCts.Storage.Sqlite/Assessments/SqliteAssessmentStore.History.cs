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
        using var command = _store.Command("SELECT document_key, consignment_version, score, lane, assessed_at, reasons FROM assessments WHERE document_key = $k ORDER BY id");
        command.Parameters.AddWithValue("$k", documentKey);
        using var reader = command.ExecuteReader();
        var result = new List<Assessment>();
        while (reader.Read())
        {
            result.Add(new Assessment(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetDouble(2),
                Enum.Parse<Lane>(reader.GetString(3)),
                JsonSerializer.Deserialize<ValueList<Reason>>(reader.GetString(5), DomainJson.Options),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }
        return Task.FromResult<IReadOnlyList<Assessment>>(result);
    }
}
