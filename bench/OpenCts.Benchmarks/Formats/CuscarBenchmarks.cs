using BenchmarkDotNet.Attributes;
using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Samples;

namespace OpenCts.Benchmarks.Formats;

/// <summary>Reading a CUSCAR interchange of generated consignments: splitting segments alone, and the whole read into consignments.</summary>
/// <remarks>
/// The interchange is the one <c>cts bench formats</c> measures, smaller: every consignment in a message of its own, as
/// <see cref="CuscarWriter"/> writes them. The difference between the two benchmarks is the grammar and the model.
/// </remarks>
[MemoryDiagnoser]
public class CuscarBenchmarks
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CuscarFormat _format = new();
    private byte[] _interchange = [];

    [Params(2_000)]
    public int Consignments { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var consignments = new SampleGenerator(20261201).Generate(Consignments);
        _interchange = CuscarWriter.ToBytes(consignments, new CuscarEnvelope("OPENCTS-BENCH", "NLCUSTOMS", "BENCH1", ReceivedAt));
        var messages = _format.Parse("bench.edi", _interchange, ReceivedAt, CancellationToken.None);
        if (messages.Any(m => m.IsRejected))
        {
            throw new InvalidOperationException(messages.First(m => m.IsRejected).Issues[0].ToString());
        }
    }

    /// <summary>Segments, elements and components only: the floor under <see cref="ParseIntoConsignments"/>.</summary>
    [Benchmark]
    public int Tokenize()
    {
        var tokenizer = new EdifactTokenizer(_interchange);
        var segments = 0;
        while (tokenizer.MoveNext())
        {
            segments++;
        }
        return segments;
    }

    /// <summary>The whole read: envelopes, the CUSCAR grammar and every consignment of the model built and checked.</summary>
    [Benchmark(Baseline = true)]
    public int ParseIntoConsignments()
    {
        var consignments = 0;
        foreach (var message in _format.Parse("bench.edi", _interchange, ReceivedAt, CancellationToken.None))
        {
            consignments += message.Consignments.Count;
        }
        return consignments;
    }
}
