using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Messages;
using OpenCts.Storage.Messages;

namespace OpenCts.Storage.Sqlite.Messages;

internal sealed partial class SqliteMessageStore
{
    public Task<ReceivedRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT sender, message_id, format, received_at, status, issues FROM raw_messages WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return Task.FromResult<ReceivedRecord?>(null);
        }
        var issues = new List<IngestionIssue>();
        using (var json = JsonDocument.Parse(reader.GetString(5)))
        {
            foreach (var issue in json.RootElement.EnumerateArray())
            {
                var severity = string.Equals(issue.GetProperty("severity").GetString(), "error", StringComparison.Ordinal) ? IssueSeverity.Error : IssueSeverity.Warning;
                issues.Add(new IngestionIssue(severity, issue.GetProperty("location").GetString() ?? "", issue.GetProperty("message").GetString() ?? ""));
            }
        }
        var sender = reader.GetString(0);
        var messageId = reader.GetString(1);
        var format = reader.GetString(2);
        var receivedAt = DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture);
        var status = reader.GetString(4);
        using var versions = _store.Command("SELECT document_key, version FROM consignment_versions WHERE raw_message_id = $id ORDER BY id");
        versions.Parameters.AddWithValue("$id", id);
        using var rows = versions.ExecuteReader();
        var written = new List<(string, int)>();
        while (rows.Read())
        {
            written.Add((rows.GetString(0), rows.GetInt32(1)));
        }
        return Task.FromResult<ReceivedRecord?>(new ReceivedRecord(id, sender, messageId, format, receivedAt, status, issues, written));
    }
}
