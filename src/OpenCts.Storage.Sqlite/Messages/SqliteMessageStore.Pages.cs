using System.Runtime.ExceptionServices;
using OpenCts.Storage.Assessments;
using OpenCts.Storage.Messages;

namespace OpenCts.Storage.Sqlite.Messages;

internal sealed partial class SqliteMessageStore
{
    /// <summary>From how many rows a page's bodies are decoded on every core rather than on the thread that read them.</summary>
    /// <remarks>
    /// A bulk run reads its next page on one thread while the page before is assessed, and decoding the page's bodies
    /// (unpacking each, then building the consignment) was most of that thread's work: a fifth of the samples of
    /// re-assessing 100,000 consignments (<c>docs/performance.md</c>, twelfth round). The server's pages of a few
    /// consignments are decoded where they are read, which costs less than handing them out.
    /// </remarks>
    internal const int DecodeOnEveryCoreFrom = 64;

    /// <summary>A version's row as read: its body and the reasons in force still as kept.</summary>
    private sealed record KeptRow(string DocumentKey, int Version, string Status, long RawMessageId, byte[] Body, KeptInForce? InForce);

    private sealed record KeptInForce(string Lane, double Score, object Reasons);

    /// <summary>A page of versions read by <paramref name="sql"/>, with the assessment in force for each from its seventh to ninth columns when <paramref name="inForce"/>.</summary>
    /// <remarks>The rows are read first, as one reader must be read, on this thread; their bodies are decoded after.</remarks>
    private ConsignmentPage Page(string sql, long after, int take, bool inForce, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Not sized to the page: a server assesses a few new consignments at a time, from pages of thousands.
        var rows = new List<KeptRow>();
        var next = after;
        using (var command = _store.Command(sql))
        {
            command.Parameters.AddWithValue("$after", after);
            command.Parameters.AddWithValue("$take", take);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var assessment = inForce && !reader.IsDBNull(6) ? new KeptInForce(reader.GetString(6), reader.GetDouble(7), Packing.KeptText(reader, 8)) : null;
                rows.Add(new KeptRow(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3), reader.GetFieldValue<byte[]>(4), assessment));
                next = reader.GetInt64(5);
            }
        }
        var items = new StoredConsignment[rows.Count];
        var assessments = inForce ? new AssessmentInForce?[rows.Count] : null;
        var bodies = _store.Bodies;
        Decode(rows.Count, i =>
        {
            var row = rows[i];
            items[i] = new StoredConsignment(row.DocumentKey, row.Version, row.Status, row.RawMessageId, Packing.ReadBody(row.Body, bodies));
            if (assessments is not null && row.InForce is { } kept)
            {
                assessments[i] = new AssessmentInForce(kept.Lane, kept.Score, Packing.TextOf(kept.Reasons));
            }
        });
        return new ConsignmentPage(items, next) { InForce = assessments };
    }

    /// <summary>Runs <paramref name="decode"/> for each row, on every core for a page of many; a fault is the first row's that failed, as in order.</summary>
    private static void Decode(int count, Action<int> decode)
    {
        if (count < DecodeOnEveryCoreFrom)
        {
            for (var i = 0; i < count; i++)
            {
                decode(i);
            }
            return;
        }
        var faults = new Exception?[count];
        Parallel.For(0, count, i =>
        {
            try
            {
                decode(i);
            }
            catch (Exception exception)
            {
                faults[i] = exception;
            }
        });
        // The fault itself, not the loop's AggregateException: a body changed behind the store is an InvalidDataException
        // whichever way its page was decoded.
        if (Array.Find(faults, f => f is not null) is { } first)
        {
            ExceptionDispatchInfo.Throw(first);
        }
    }
}
