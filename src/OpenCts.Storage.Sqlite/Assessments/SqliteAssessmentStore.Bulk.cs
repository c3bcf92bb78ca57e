using OpenCts.Storage.Assessments;

namespace OpenCts.Storage.Sqlite.Assessments;

internal sealed partial class SqliteAssessmentStore
{
    /// <summary>Sets the worklist's orderings and the assessments' index by document aside when the run at least doubles the worklist, and builds them once when the handle is disposed.</summary>
    /// <remarks>
    /// Each saved assessment puts a row into both orderings at a place given by its lane, score or arrival and document,
    /// which is anywhere in them: at a million rows, the two cost about 40 µs an assessment of the writer's time, most
    /// of what it spent on one (docs/performance.md, fifteenth round), while building both from a million rows takes
    /// about 4 s. The index of the assessments by document, a place given by the document's key, cost another 13 µs of
    /// the 41 left, and builds from a million rows in under a second (sixteenth round). Below
    /// <see cref="SqliteStore.BulkSaveMinimum"/> pending versions, or with more rows already in the worklist than
    /// pending, all are kept: building them again would cost more than it saves.
    /// </remarks>
    public async Task<IAsyncDisposable> BeginBulkSaveAsync(CancellationToken cancellationToken)
    {
        var minimum = _store.BulkSaveMinimum;
        var setAside = await _store.WriteAsync((_, transaction) =>
        {
            using var count = transaction.Connection!.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = "SELECT (SELECT COUNT(*) FROM pending_assessments), (SELECT COUNT(*) FROM current_targets)";
            using var reader = count.ExecuteReader();
            reader.Read();
            var (pending, worklist) = (reader.GetInt64(0), reader.GetInt64(1));
            reader.Close();
            if (pending < minimum || pending < worklist)
            {
                return ValueTask.FromResult(false);
            }
            BulkIndexes.SetAside(transaction.Connection, transaction);
            return ValueTask.FromResult(true);
        }, cancellationToken).ConfigureAwait(false);
        return setAside ? new IndexRebuild(_store) : NothingSetAside.Instance;
    }

    /// <summary>Builds the indexes set aside again, on the store's writer, whether the run ended well or not.</summary>
    private sealed class IndexRebuild(SqliteStore store) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                // Not cancellable: a run stopped by its caller still leaves the worklist in order and the assessments
                // indexed (and should this fail, the next open of the store builds them).
                // Outside a transaction: SQLite lets a connection move its temporary data to files only there.
                await store.RunOnWriterAloneAsync(BulkIndexes.Ensure, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
