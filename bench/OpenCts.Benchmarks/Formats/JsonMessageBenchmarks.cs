using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OpenCts.Domain.Serialization;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Samples;

namespace OpenCts.Benchmarks.Formats;

/// <summary>Reading a JSON message of generated consignments, as <c>cts samples generate</c> writes them: the files a bulk <c>cts assess DIR</c> reads.</summary>
/// <remarks>
/// The floor is <see cref="Utf8JsonReader"/> reading the same bytes without building anything; the difference is the
/// document, the field checks (every field of every object is checked against the names the reader knows) and the model.
/// </remarks>
[MemoryDiagnoser]
public class JsonMessageBenchmarks
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly JsonMessageFormat _format = new();
    private byte[] _message = [];

    [Params(50)]
    public int Consignments { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("sender", "BENCH");
            writer.WriteString("messageId", "BENCH-1");
            writer.WriteStartArray("consignments");
            foreach (var consignment in new SampleGenerator(20261201).Generate(Consignments))
            {
                ConsignmentJsonWriter.Write(writer, consignment);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        _message = buffer.ToArray();
        var messages = _format.Parse("bench.json", _message, ReceivedAt, CancellationToken.None);
        if (messages.Any(m => m.IsRejected))
        {
            throw new InvalidOperationException(messages.First(m => m.IsRejected).Issues[0].ToString());
        }
    }

    /// <summary>Every token read and nothing built: the floor under <see cref="ParseIntoConsignments"/>.</summary>
    [Benchmark]
    public int ReadTokens()
    {
        var reader = new Utf8JsonReader(_message);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }
        return tokens;
    }

    /// <summary>The whole read: the message, its fields checked, and every consignment of the model built.</summary>
    [Benchmark(Baseline = true)]
    public int ParseIntoConsignments()
    {
        var consignments = 0;
        foreach (var message in _format.Parse("bench.json", _message, ReceivedAt, CancellationToken.None))
        {
            consignments += message.Consignments.Count;
        }
        return consignments;
    }
}
