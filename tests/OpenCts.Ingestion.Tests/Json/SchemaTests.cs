using System.Text.Json;
using Json.Schema;
using OpenCts.Ingestion.Samples;
using OpenCts.Tests.Shared;

namespace OpenCts.Ingestion.Tests.Json;

/// <summary>Keeps <c>docs/consignment.schema.json</c> honest: what OpenCTS writes, the schema accepts.</summary>
public class SchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(RepositoryData.RepositoryRoot, "docs", "consignment.schema.json"));

    [Fact]
    public void GeneratedMessagesValidateAgainstThePublishedSchema()
    {
        var folder = Path.Combine(Path.GetTempPath(), "opencts-schema", Guid.NewGuid().ToString("N"));
        try
        {
            SampleWriter.Write(folder, new SampleGenerator(3).GenerateWithTruth(400), 3);
            var files = Directory.GetFiles(Path.Combine(folder, "consignments"));
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
                Assert.True(result.IsValid, $"{file}: {string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Value}")))}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TheSchemaRejectsAMessageWithoutConsignments()
    {
        using var document = JsonDocument.Parse("""{"sender": "MAEU", "messageId": "M-1"}""");
        Assert.False(Schema.Evaluate(document.RootElement).IsValid);
    }
}
