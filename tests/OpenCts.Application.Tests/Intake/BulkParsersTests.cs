using OpenCts.Application.Intake;
using OpenCts.Domain.Messages;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Tests.Intake;

/// <summary>A bulk intake leaves the store's writer a core of its own: it parses on the others, and never on more.</summary>
public sealed class BulkParsersTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void The_parsers_are_every_core_but_the_writers_and_at_least_one()
    {
        Assert.Equal(Math.Max(1, Environment.ProcessorCount - 1), MessageIntake.Parsers);
        Assert.InRange(MessageIntake.Parsers, 1, Math.Max(1, Environment.ProcessorCount));
    }

    [Fact]
    public async Task No_more_files_are_parsed_at_once_than_there_are_parsers_and_every_file_is_stored_in_order()
    {
        var folder = Directory.CreateTempSubdirectory("cts-parsers-").FullName;
        try
        {
            var sample = await File.ReadAllTextAsync(TestApplication.Sample("consignments", "CMDU-2026-0001.json"), Token);
            var files = new List<string>();
            for (var i = 0; i < 24; i++)
            {
                var path = Path.Combine(folder, $"m{i:00}.json");
                await File.WriteAllTextAsync(path, sample.Replace("\"messageId\": \"", $"\"messageId\": \"P{i:00}-", StringComparison.Ordinal), Token);
                files.Add(path);
            }
            var counting = new CountingFormat(new JsonMessageFormat());
            await using var test = new TestApplication();
            var intake = new MessageIntake(test.Store, new MessageFormats([counting]));
            var told = new List<string>();

            await intake.ReceiveFilesAsync(files, received => told.AddRange(received.Select(r => r.Source)), Token, batchConsignments: 2);

            Assert.Equal(files.Count, counting.Parsed);
            Assert.InRange(counting.MostAtOnce, 1, MessageIntake.Parsers);
            Assert.Equal(files.Select(Path.GetFileName), told.Distinct());
            Assert.Equal(files.Count, (await test.Store.Messages.CountsAsync(Token)).Messages);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Parses as the format it wraps, slowly enough that parses would overlap if they could, and counts how many did.</summary>
    private sealed class CountingFormat(IMessageFormat inner) : IMessageFormat
    {
        private int _running;
        private int _most;
        private int _parsed;

        public string Name => inner.Name;

        public int MostAtOnce => Volatile.Read(ref _most);

        public int Parsed => Volatile.Read(ref _parsed);

        public bool Recognises(string fileName, ReadOnlySpan<byte> head) => inner.Recognises(fileName, head);

        public IReadOnlyList<ParsedMessage> Parse(string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
        {
            var running = Interlocked.Increment(ref _running);
            int most;
            while (running > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, running, most) != most)
            {
            }
            try
            {
                Thread.Sleep(20);
                return inner.Parse(fileName, content, receivedAt, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                Interlocked.Increment(ref _parsed);
            }
        }
    }
}
