using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpenCts.Domain.Messages;
using OpenCts.Storage.Messages;

namespace OpenCts.Storage.Sqlite.Messages;

internal sealed partial class SqliteMessageStore
{
    private const string RecordColumns = "id, sender, message_id, format, received_at, status, issues";

    public Task<ReceivedRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command($"SELECT {RecordColumns} FROM raw_messages WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadRecord(reader) : null);
    }

    public Task<IReadOnlyList<ReceivedRecord>> ListAsync(string? sender, string? status, int skip, int take, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command($"SELECT {RecordColumns} FROM raw_messages {Where(sender, status)} ORDER BY id DESC LIMIT $take OFFSET $skip");
        Bind(command, sender, status);
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);
        using var reader = command.ExecuteReader();
        var records = new List<ReceivedRecord>();
        while (reader.Read())
        {
            records.Add(ReadRecord(reader));
        }
        return Task.FromResult<IReadOnlyList<ReceivedRecord>>(records);
    }

    public Task<int> CountAsync(string? sender, string? status, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command($"SELECT count(*) FROM raw_messages {Where(sender, status)}");
        Bind(command, sender, status);
        return Task.FromResult(Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    public Task<byte[]?> RawAsync(long id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command("SELECT bytes, compression FROM raw_messages WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Packing.UnpackRaw(reader.GetFieldValue<byte[]>(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null);
    }

    private static string Where(string? sender, string? status) =>
        (sender, status) switch
        {
            (null, null) => "",
            (not null, null) => "WHERE sender = $sender COLLATE NOCASE",
            (null, not null) => "WHERE status = $status",
            _ => "WHERE sender = $sender COLLATE NOCASE AND status = $status",
        };

    private static void Bind(SqliteCommand command, string? sender, string? status)
    {
        if (sender is not null)
        {
            command.Parameters.AddWithValue("$sender", sender);
        }
        if (status is not null)
        {
            command.Parameters.AddWithValue("$status", status);
        }
    }

    private ReceivedRecord ReadRecord(SqliteDataReader reader)
    {
        var id = reader.GetInt64(0);
        var issues = new List<IngestionIssue>();
        using (var json = JsonDocument.Parse(reader.GetString(6)))
        {
            foreach (var issue in json.RootElement.EnumerateArray())
            {
                var severity = string.Equals(issue.GetProperty("severity").GetString(), "error", StringComparison.Ordinal) ? IssueSeverity.Error : IssueSeverity.Warning;
                issues.Add(new IngestionIssue(severity, issue.GetProperty("location").GetString() ?? "", issue.GetProperty("message").GetString() ?? ""));
            }
        }
        var receivedAt = DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture);
        using var versions = _store.Command("SELECT document_key, version FROM consignment_versions WHERE raw_message_id = $id ORDER BY id");
        versions.Parameters.AddWithValue("$id", id);
        using var rows = versions.ExecuteReader();
        var written = new List<(string, int)>();
        while (rows.Read())
        {
            written.Add((rows.GetString(0), rows.GetInt32(1)));
        }
        return new ReceivedRecord(id, reader.GetString(1), reader.GetString(2), reader.GetString(3), receivedAt, reader.GetString(5), issues, written);
    }
}
