using System.Text;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Tests.Shared;

namespace OpenCts.Ingestion.Tests;

/// <summary>The sample messages of <c>samples/messages</c>, and a way to parse text in tests.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(RepositoryData.RepositoryRoot, "samples", "messages", name));

    public static IReadOnlyList<ParsedMessage> Parse(IMessageFormat format, string text, string fileName = "test.edi") =>
        format.Parse(fileName, Encoding.UTF8.GetBytes(text), ReceivedAt, TestContext.Current.CancellationToken);

    public static IReadOnlyList<ParsedMessage> ParseSample(IMessageFormat format, string name) =>
        format.Parse(name, Bytes(name), ReceivedAt, TestContext.Current.CancellationToken);

    public static string Describe(IEnumerable<IngestionIssue> issues) => string.Join("\n", issues.Select(i => $"{i.Severity} {i}"));
}
