using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;

namespace OpenCts.Ingestion.Samples;

/// <summary>Writes a generated stream to a folder as carriers would send it: one JSON message per carrier batch, plus the ground truth.</summary>
/// <remarks>
/// Layout: <c>consignments/&lt;sender&gt;-&lt;n&gt;.json</c> (messages of up to <see cref="BatchSize"/> consignments),
/// <c>ground-truth.csv</c> (document key, threat category, scenario of every planted risk) and
/// <c>trusted-traders/aeo.csv</c> (a share of the consignees, as an AEO register would list them).
/// </remarks>
public static class SampleWriter
{
    public const int BatchSize = 50;

    /// <summary>Writes one OpenCTS JSON message of <paramref name="consignments"/>, indented, as the generator's files are.</summary>
    public static void WriteMessage(Stream stream, string sender, string messageId, IEnumerable<Consignment> consignments)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("sender", sender);
        w.WriteString("messageId", messageId);
        w.WriteStartArray("consignments");
        foreach (var c in consignments)
        {
            ConsignmentJsonWriter.Write(w, c);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static (int Messages, int Planted) Write(string directory, IEnumerable<GeneratedConsignment> stream, int seed)
    {
        var messagesDir = Path.Combine(directory, "consignments");
        Directory.CreateDirectory(messagesDir);
        var truth = new StringBuilder("documentKey,category,scenario\n");
        var traders = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var random = new Random(seed ^ 0x5eed);
        var batches = new Dictionary<string, List<Consignment>>(StringComparer.Ordinal);
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        var messages = 0;
        var planted = 0;

        void Flush(string sender)
        {
            var batch = batches[sender];
            if (batch.Count == 0)
            {
                return;
            }
            var n = counters[sender] = counters.GetValueOrDefault(sender) + 1;
            var messageId = $"{sender}-{seed}-{n:0000}";
            using (var file = File.Create(Path.Combine(messagesDir, $"{messageId}.json")))
            {
                WriteMessage(file, sender, messageId, batch);
            }
            messages++;
            batch.Clear();
        }

        foreach (var generated in stream)
        {
            var consignment = generated.Consignment;
            var sender = consignment.Carrier?.Code ?? "UNKNOWN";
            if (!batches.TryGetValue(sender, out var batch))
            {
                batches[sender] = batch = [];
            }
            batch.Add(consignment);
            if (batch.Count == BatchSize)
            {
                Flush(sender);
            }
            if (generated.Risk is { } risk)
            {
                planted++;
                truth.Append(CultureInfo.InvariantCulture, $"{consignment.Document.Key},{JsonNames.Of(risk.Category)},{risk.Scenario}\n");
            }
            else if (consignment.Consignee is { } consignee && consignee.IdentifierOf("EORI") is { } eori && random.NextDouble() < 0.08)
            {
                traders[eori] = consignee.Name;
            }
        }
        foreach (var sender in batches.Keys.ToList())
        {
            Flush(sender);
        }
        File.WriteAllText(Path.Combine(directory, "ground-truth.csv"), truth.ToString());
        var tradersDir = Path.Combine(directory, "trusted-traders");
        Directory.CreateDirectory(tradersDir);
        var register = new StringBuilder("scheme,identifier,name,programme,validFrom,validTo\n");
        foreach (var (eori, name) in traders)
        {
            register.Append(CultureInfo.InvariantCulture, $"EORI,{eori},\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",AEO-F,2024-01-01,\n");
        }
        File.WriteAllText(Path.Combine(tradersDir, "aeo.csv"), register.ToString());
        return (messages, planted);
    }
}
