using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Samples;
using OpenCts.Tests.Shared;

namespace OpenCts.Ingestion.Tests.Edifact;

/// <summary>The CUSCAR reader gives, message for message, what it gave when the recorded digests were taken: every value, issue text and place.</summary>
/// <remarks>
/// The reader is tuned for speed, and a tuning must not move a character of its output. The inputs are the samples,
/// the fuzz corpus (broken files of every kind) and generated interchanges, one the size of <c>cts bench formats</c>'s.
/// <c>CuscarOutputDigests.txt</c> holds one line per input: its name, its messages and the digest of their dump
/// (<see cref="CuscarOutputDump"/>). A change that means to change the output records the lines this test prints.
/// </remarks>
public sealed class CuscarRecordedOutputTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Root => RepositoryData.RepositoryRoot;

    [Fact]
    public void Every_message_of_the_samples_the_fuzz_corpus_and_generated_interchanges_reads_as_recorded()
    {
        var recorded = File.ReadAllLines(Path.Combine(Root, "tests", "OpenCts.Ingestion.Tests", "Edifact", "CuscarOutputDigests.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var actual = Inputs().Select(i => Line(i.Name, i.Content)).ToList();
        var differing = actual.Except(recorded, StringComparer.Ordinal).ToList();
        var missing = recorded.Except(actual, StringComparer.Ordinal).ToList();
        Assert.True(differing.Count == 0 && missing.Count == 0,
            $"{differing.Count} inputs read differently from the record, {missing.Count} recorded lines not met:\n" + string.Join("\n", differing.Take(400)) + "\nrecorded but not met:\n" + string.Join("\n", missing.Take(40)));
    }

    [Fact]
    public void A_digest_changes_with_a_single_value_of_a_consignment()
    {
        var sample = Samples.Bytes("cuscar-d95b-1-import-rotterdam.edi");
        var changed = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(sample).Replace("MEA+AAE+G+KGM:", "MEA+AAE+G+KGM:1", StringComparison.Ordinal));
        Assert.NotEqual(Line("sample", sample), Line("sample", changed));
    }

    private static string Line(string name, byte[] content)
    {
        var messages = new CuscarFormat().Parse(name, content, ReceivedAt, TestContext.Current.CancellationToken);
        return $"{name} {messages.Count} {CuscarOutputDump.Digest(CuscarOutputDump.Of(messages))}";
    }

    private static IEnumerable<(string Name, byte[] Content)> Inputs()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "samples", "messages"), "cuscar-*").Order(StringComparer.Ordinal))
        {
            yield return ($"samples/{Path.GetFileName(file)}", File.ReadAllBytes(file));
        }
        var corpus = Path.Combine(Root, "tests", "OpenCts.Fuzz.Tests", "Corpus", "cuscar");
        foreach (var file in Directory.GetFiles(corpus).Order(StringComparer.Ordinal))
        {
            yield return ($"corpus/{Path.GetFileName(file)}", File.ReadAllBytes(file));
        }
        // The bench's interchange, and smaller ones of other seeds and directories.
        foreach (var (seed, count, directory) in new[] { (20261201, 20_000, "95B"), (7, 1_500, "01B"), (11, 1_500, "11A"), (13, 1_500, "95B") })
        {
            var consignments = new SampleGenerator(seed).Generate(count);
            yield return ($"generated/{seed}-{count}-{directory}", CuscarWriter.ToBytes(consignments, new CuscarEnvelope("OPENCTS-BENCH", "NLCUSTOMS", "BENCH1", ReceivedAt, directory)));
        }
    }
}
