using OpenCts.Storage.Offices;

namespace OpenCts.Storage.Postgres.Offices;

/// <summary>Office settings, each change a journaled row; the latest row of an office is in force.</summary>
internal sealed class PostgresOfficeStore(PostgresStore store) : IOfficeStore
{
    private readonly PostgresStore _store = store;

    public Task SaveAsync(OfficeSettings settings, CancellationToken cancellationToken) =>
        _store.WriteAsync(async work =>
        {
            var id = (long)(await _store.ScalarAsync(
                "INSERT INTO office_settings (office, examinations_per_day, red_share, yellow_share, random_share, changed_by, changed_at) VALUES (@o, @c, @r, @y, @x, @by, @at) RETURNING id",
                work, cancellationToken,
                ("o", settings.Office), ("c", settings.ExaminationsPerDay), ("r", settings.RedShare), ("y", settings.YellowShare), ("x", settings.RandomShare),
                ("by", settings.ChangedBy), ("at", PostgresText.Of(settings.ChangedAt))).ConfigureAwait(false))!;
            await _store.JournalAsync(work, RecordKinds.OfficeSettings, id, (await ReadCanonicalAsync(id, work, cancellationToken).ConfigureAwait(false))!, cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

    internal Task<byte[]?> ReadCanonicalAsync(long id, UnitOfWork? work, CancellationToken cancellationToken) =>
        _store.CanonicalRowAsync("SELECT office, examinations_per_day, red_share, yellow_share, random_share, changed_by, changed_at FROM office_settings WHERE id = @id", id, work, cancellationToken);

    public async Task<IReadOnlyList<OfficeSettings>> AllAsync(CancellationToken cancellationToken) =>
        await _store.ListAsync(
            """
            SELECT office, examinations_per_day, red_share, yellow_share, random_share, changed_by, changed_at FROM office_settings
            WHERE id IN (SELECT MAX(id) FROM office_settings GROUP BY office) ORDER BY office
            """,
            r => new OfficeSettings(r.GetString(0), r.GetInt32(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetString(5), PostgresText.At(r.GetString(6))),
            null, cancellationToken).ConfigureAwait(false);
}
