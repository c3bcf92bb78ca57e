using System.Threading.Channels;
using OpenCts.Domain.Messages;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Intake;

public sealed partial class MessageIntake
{
    /// <summary>About how many consignments one bulk transaction stores: enough to spread a commit's cost, few enough to bound memory.</summary>
    public const int BulkConsignments = 4096;

    /// <summary>How many files are parsed at once: every core but one, which the store's writer needs to itself.</summary>
    /// <remarks>
    /// The writer is what a bulk intake waits for. With as many parsers as cores, or more, the scheduler shared the
    /// writer's core with them: on two cores it ran about 0.6 of one, and a million generated consignments took a median
    /// of 54 s to store; with one parser, 46 s (<c>docs/performance.md</c>, seventeenth round).
    /// </remarks>
    public static int Parsers => Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>How many batches may wait for the writer, or be written, while the next is gathered.</summary>
    /// <remarks>
    /// With one, the parsers stopped a few files into the next batch until the writer had finished the last; with two,
    /// either side can be slow on a batch without stopping the other. Alone it gained nothing measurable on two cores,
    /// where the writer's share of a core was the limit; it is kept so that a slow batch on one side does not stop the other.
    /// </remarks>
    public const int StoresAhead = 2;

    /// <summary>Receives many files in order, as <see cref="ReceiveFileAsync"/> would one by one, but parsed ahead on the cores the writer leaves and stored many messages to a transaction.</summary>
    /// <remarks>
    /// Files are read and parsed a few ahead, <see cref="Parsers"/> at once (a bounded channel, so memory does not grow
    /// with the input), and gathered into batches of about <paramref name="batchConsignments"/> consignments. Up to
    /// <see cref="StoresAhead"/> batches wait for the store's one writer while the next is gathered, so that the writer
    /// and the parsers work at the same time. Batches are stored in their order, so a later file's new version of a
    /// document stays the later one. A batch whose transaction fails is stored again one message at a time, so that the failure is the one message's, as without batching.
    /// </remarks>
    /// <param name="files">The files, in the order their messages are to be stored.</param>
    /// <param name="onFile">Told what became of each file, in order, once it is committed; never twice at once. A file of 64 KiB or more was read into an array lent for the batch (<see cref="FileBuffers"/>), so its messages are told without their bytes (<see cref="ParsedMessage.Raw"/> empty); the store keeps them.</param>
    /// <param name="cancellationToken">Stops between batches; what was committed stays.</param>
    /// <param name="batchConsignments">About how many consignments one transaction stores.</param>
    public async Task ReceiveFilesAsync(IReadOnlyList<string> files, Action<IReadOnlyList<ReceivedMessage>> onFile, CancellationToken cancellationToken, int batchConsignments = BulkConsignments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchConsignments, 1);
        var ahead = Math.Max(2, Environment.ProcessorCount * 2);
        var parsed = Channel.CreateBounded<Task<PreparedFile>>(new BoundedChannelOptions(ahead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffers = new FileBuffers();
        // Not disposed: a parse still running when this returns gives its turn back afterwards, and the semaphore holds
        // nothing but its count unless its wait handle is asked for.
        var parsers = new SemaphoreSlim(Parsers);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var file in files)
                {
                    var path = file;
                    await parsers.WaitAsync(stop.Token).ConfigureAwait(false);
                    await parsed.Writer.WriteAsync(Task.Run(() => PrepareTaking(parsers, path, buffers, stop.Token), stop.Token), stop.Token).ConfigureAwait(false);
                }
                parsed.Writer.Complete();
            }
            catch (Exception exception)
            {
                parsed.Writer.Complete(exception);
            }
        }, stop.Token);
        var batch = new List<PreparedFile>();
        var consignments = 0;
        // Each batch's store begins when the one before it has ended: the last is the whole chain's end.
        Task storing = Task.CompletedTask;
        var queued = new Queue<Task>();
        try
        {
            await foreach (var next in parsed.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                PreparedFile read;
                try
                {
                    read = await next.ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The files before it are stored, as they would have been one by one, before the fault is told.
                    await storing.ConfigureAwait(false);
                    await StoreBatchAsync(batch, buffers, onFile, stop.Token).ConfigureAwait(false);
                    throw;
                }
                batch.Add(read);
                consignments += Math.Max(1, read.Messages.Sum(m => m.Message.Consignments.Count));
                if (consignments >= batchConsignments)
                {
                    while (queued.Count >= StoresAhead)
                    {
                        await queued.Dequeue().ConfigureAwait(false);
                    }
                    storing = StoreAfterAsync(storing, batch, buffers, onFile, stop.Token);
                    queued.Enqueue(storing);
                    batch = [];
                    consignments = 0;
                }
            }
            await storing.ConfigureAwait(false);
            await StoreBatchAsync(batch, buffers, onFile, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            // Drain so that no parse or store keeps running, and no fault goes unobserved, after we return; the fault
            // that ended the loop is the one told.
            await Task.WhenAll(producer, storing).ContinueWith(static t => t.Exception, TaskScheduler.Default).ConfigureAwait(false);
            while (parsed.Reader.TryRead(out var left))
            {
                _ = left.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One file read and parsed, its messages prepared for the store, and the array it was read into if one was lent.</summary>
    private sealed record PreparedFile(string Source, IReadOnlyList<PreparedMessage> Messages, byte[]? Lent);

    /// <summary>Prepares a file on a parser's turn, taken by the caller, and gives the turn back however the parse ends.</summary>
    private PreparedFile PrepareTaking(SemaphoreSlim parsers, string path, FileBuffers buffers, CancellationToken cancellationToken)
    {
        try
        {
            return Prepare(path, buffers, cancellationToken);
        }
        finally
        {
            parsers.Release();
        }
    }

    /// <summary>Reads and parses one file, and does what its store can of storing it ahead of the write.</summary>
    private PreparedFile Prepare(string path, FileBuffers buffers, CancellationToken cancellationToken)
    {
        var source = Path.GetFileName(path);
        var file = new FileReceiver(formats, store.Clock, buffers: buffers).Read(path, cancellationToken);
        return new PreparedFile(source, [.. file.Messages.Select(m => store.Messages.Prepare(m, source))], file.Lent);
    }

    /// <summary>Stores a batch once the batches before it are stored; a batch before it that failed fails it too, unwritten.</summary>
    private async Task StoreAfterAsync(Task before, List<PreparedFile> files, FileBuffers buffers, Action<IReadOnlyList<ReceivedMessage>> onFile, CancellationToken cancellationToken)
    {
        await before.ConfigureAwait(false);
        await StoreBatchAsync(files, buffers, onFile, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a batch, tells <paramref name="onFile"/> of each file, then gives the files' arrays back to <paramref name="buffers"/>.</summary>
    /// <remarks>The messages told of do not carry their bytes when these lay in a lent array, which the next files are read into: the store has them (<see cref="IMessageStore.RawAsync"/>).</remarks>
    private async Task StoreBatchAsync(List<PreparedFile> files, FileBuffers buffers, Action<IReadOnlyList<ReceivedMessage>> onFile, CancellationToken cancellationToken)
    {
        await StoreBatchAsync(files, onFile, cancellationToken).ConfigureAwait(false);
        foreach (var file in files)
        {
            if (file.Lent is { } lent)
            {
                buffers.Return(lent);
            }
        }
    }

    private async Task StoreBatchAsync(List<PreparedFile> files, Action<IReadOnlyList<ReceivedMessage>> onFile, CancellationToken cancellationToken)
    {
        var messages = files.SelectMany(f => f.Messages).ToList();
        if (messages.Count == 0)
        {
            foreach (var _ in files)
            {
                onFile([]);
            }
            return;
        }
        IReadOnlyList<StoredMessage> stored;
        try
        {
            stored = await store.Messages.StoreManyAsync(messages, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing of the batch was written: store it message by message, so that what fails is the one message's fault.
            foreach (var (source, fileMessages, lent) in files)
            {
                onFile(Told(await StoreAsync(source, [.. fileMessages.Select(m => m.Message)], sender: null, cancellationToken).ConfigureAwait(false), lent));
            }
            return;
        }
        var at = 0;
        foreach (var (source, fileMessages, lent) in files)
        {
            var received = new List<ReceivedMessage>(fileMessages.Count);
            foreach (var prepared in fileMessages)
            {
                received.Add(await AfterStoredAsync(source, prepared.Message, stored[at++], cancellationToken).ConfigureAwait(false));
            }
            onFile(Told(received, lent));
        }
    }

    /// <summary>What a file's messages are told as: without their bytes when these lay in a lent array, which is about to be read into again.</summary>
    private static IReadOnlyList<ReceivedMessage> Told(IReadOnlyList<ReceivedMessage> received, byte[]? lent) =>
        lent is null ? received : [.. received.Select(r => r with { Message = r.Message with { Raw = ReadOnlyMemory<byte>.Empty } })];
}
