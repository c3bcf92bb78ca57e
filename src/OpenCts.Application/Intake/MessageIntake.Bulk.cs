using System.Threading.Channels;
using OpenCts.Domain.Messages;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Intake;

public sealed partial class MessageIntake
{
    /// <summary>About how many consignments one bulk transaction stores: enough to spread a commit's cost, few enough to bound memory.</summary>
    public const int BulkConsignments = 4096;

    /// <summary>Receives many files in order, as <see cref="ReceiveFileAsync"/> would one by one, but parsed ahead on every core and stored many messages to a transaction.</summary>
    /// <remarks>
    /// Files are read and parsed in parallel a few ahead of the writer (a bounded channel, so memory does not grow with the
    /// input) and stored in their order, so a later file's new version of a document stays the later one. A batch whose
    /// transaction fails is stored again one message at a time, so that the failure is the one message's, as without batching.
    /// </remarks>
    /// <param name="files">The files, in the order their messages are to be stored.</param>
    /// <param name="onFile">Told what became of each file, in order, once it is committed.</param>
    /// <param name="cancellationToken">Stops between batches; what was committed stays.</param>
    public async Task ReceiveFilesAsync(IReadOnlyList<string> files, Action<IReadOnlyList<ReceivedMessage>> onFile, CancellationToken cancellationToken)
    {
        var ahead = Math.Max(2, Environment.ProcessorCount * 2);
        var parsed = Channel.CreateBounded<Task<(string Source, ReceivedFile File)>>(new BoundedChannelOptions(ahead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var file in files)
                {
                    var path = file;
                    await parsed.Writer.WriteAsync(Task.Run(() => (Path.GetFileName(path), new FileReceiver(formats, store.Clock).Read(path, stop.Token)), stop.Token), stop.Token).ConfigureAwait(false);
                }
                parsed.Writer.Complete();
            }
            catch (Exception exception)
            {
                parsed.Writer.Complete(exception);
            }
        }, stop.Token);
        var batch = new List<(string Source, IReadOnlyList<ParsedMessage> Messages)>();
        var consignments = 0;
        try
        {
            await foreach (var next in parsed.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                (string Source, ReceivedFile File) read;
                try
                {
                    read = await next.ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The files before it are stored, as they would have been one by one, before the fault is told.
                    await StoreBatchAsync(batch, onFile, stop.Token).ConfigureAwait(false);
                    throw;
                }
                var (source, file) = read;
                batch.Add((source, file.Messages));
                consignments += Math.Max(1, file.Messages.Sum(m => m.Consignments.Count));
                if (consignments >= BulkConsignments)
                {
                    await StoreBatchAsync(batch, onFile, stop.Token).ConfigureAwait(false);
                    batch.Clear();
                    consignments = 0;
                }
            }
            await StoreBatchAsync(batch, onFile, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            // Drain so that no parse keeps running, and no fault goes unobserved, after we return.
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            while (parsed.Reader.TryRead(out var left))
            {
                _ = left.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            }
        }
    }

    private async Task StoreBatchAsync(List<(string Source, IReadOnlyList<ParsedMessage> Messages)> files, Action<IReadOnlyList<ReceivedMessage>> onFile, CancellationToken cancellationToken)
    {
        var messages = files.SelectMany(f => f.Messages.Select(m => (Message: m, FileName: f.Source))).ToList();
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
            foreach (var (source, fileMessages) in files)
            {
                onFile(await StoreAsync(source, fileMessages, sender: null, cancellationToken).ConfigureAwait(false));
            }
            return;
        }
        var at = 0;
        foreach (var (source, fileMessages) in files)
        {
            var received = new List<ReceivedMessage>(fileMessages.Count);
            foreach (var message in fileMessages)
            {
                received.Add(await AfterStoredAsync(source, message, stored[at++], cancellationToken).ConfigureAwait(false));
            }
            onFile(received);
        }
    }
}
