using Microsoft.Data.Sqlite;
using OpenCts.Storage.Offices;
using OpenCts.Storage.Sqlite.Referrals;

namespace OpenCts.Storage.Sqlite.Offices;

/// <summary>Office settings, each change a journaled row; the latest row of an office is in force.</summary>
internal sealed class SqliteOfficeStore(SqliteStore store) : IOfficeStore
{
    private readonly SqliteStore _store = store;

    public Task SaveAsync(OfficeSettings settings, CancellationToken cancellationToken) =>
        _store.WriteAsync(async (work, transaction) =>
        {
            using var command = _store.Command(
                "INSERT INTO office_settings (office, examinations_per_day, red_share, yellow_share, random_share, changed_by, changed_at) VALUES ($o, $c, $r, $y, $x, $by, $at) RETURNING id", transaction);
            command.Parameters.AddWithValue("$o", settings.Office);
            command.Parameters.AddWithValue("$c", settings.ExaminationsPerDay);
            command.Parameters.AddWithValue("$r", settings.RedShare);
            command.Parameters.AddWithValue("$y", settings.YellowShare);
            command.Parameters.AddWithValue("$x", settings.RandomShare);
            command.Parameters.AddWithValue("$by", settings.ChangedBy);
            command.Parameters.AddWithValue("$at", SqliteText.Of(settings.ChangedAt));
            var id = (long)command.ExecuteScalar()!;
            await _store.JournalAsync(work, RecordKinds.OfficeSettings, id, ReadCanonical(id, transaction)!, cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    internal byte[]? ReadCanonical(long id, SqliteTransaction? transaction = null) =>
        _store.CanonicalRow("SELECT office, examinations_per_day, red_share, yellow_share, random_share, changed_by, changed_at FROM office_settings WHERE id = $id", id, transaction);

    public Task<IReadOnlyList<OfficeSettings>> AllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var command = _store.Command(
            """
            SELECT office, examinations_per_day, red_share, yellow_share, random_share, changed_by, changed_at FROM office_settings
            WHERE id IN (SELECT MAX(id) FROM office_settings GROUP BY office) ORDER BY office
            """);
        using var reader = command.ExecuteReader();
        var result = new List<OfficeSettings>();
        while (reader.Read())
        {
            result.Add(new OfficeSettings(reader.GetString(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetString(5), SqliteText.At(reader.GetString(6))));
        }
        return Task.FromResult<IReadOnlyList<OfficeSettings>>(result);
    }
}
