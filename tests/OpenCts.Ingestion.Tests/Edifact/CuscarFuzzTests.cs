using System.Text;
using CsCheck;
using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Tests.Edifact;

/// <summary>Mutation fuzzing of the CUSCAR reader: whatever the bytes, no exception, no hang, every rejection with a place.</summary>
public sealed class CuscarFuzzTests
{
    private static readonly byte[] Seed = Samples.Bytes("cuscar-d95b-1-import-rotterdam.edi");
    private static readonly byte[] Interesting = "+:'?\r\n 0A-.,UNHUNTUNZ\u00e9"u8.ToArray();

    internal static Gen<byte[]> Mutated(byte[] seed, byte[] interesting) =>
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 4], Gen.Int[0, 255], Gen.Int[1, 64])
            .Array[1, 12]
            .Select(mutations =>
            {
                var bytes = new List<byte>(seed);
                foreach (var (position, operation, value, length) in mutations)
                {
                    if (bytes.Count == 0)
                    {
                        break;
                    }
                    var at = position % bytes.Count;
                    var b = value < 128 ? interesting[value % interesting.Length] : (byte)value;
                    switch (operation)
                    {
                        case 0:
                            bytes[at] = b;
                            break;
                        case 1:
                            bytes.Insert(at, b);
                            break;
                        case 2:
                            bytes.RemoveRange(at, Math.Min(length, bytes.Count - at));
                            break;
                        case 3:
                            // Duplicate a stretch, as a sender that resends part of a file does.
                            bytes.InsertRange(at, bytes.GetRange(at, Math.Min(length, bytes.Count - at)));
                            break;
                        default:
                            bytes.RemoveRange(at, bytes.Count - at);
                            break;
                    }
                }
                return bytes.ToArray();
            });

    /// <summary>Byte mutations as <see cref="Mutated"/> makes them, then up to three whole lines written twice, as a sender that resends part of a file does.</summary>
    internal static Gen<byte[]> MutatedWithLinesRepeated(byte[] seed, byte[] interesting) =>
        Gen.Select(Mutated(seed, interesting), Gen.Int[0, int.MaxValue].Array[0, 3])
            .Select((bytes, lines) =>
            {
                var result = new List<byte>(bytes);
                foreach (var pick in lines)
                {
                    var starts = new List<int> { 0 };
                    for (var i = 0; i < result.Count - 1; i++)
                    {
                        if (result[i] == (byte)'\n')
                        {
                            starts.Add(i + 1);
                        }
                    }
                    var n = pick % starts.Count;
                    var start = starts[n];
                    var end = n + 1 < starts.Count ? starts[n + 1] : result.Count;
                    result.InsertRange(end, result.GetRange(start, end - start));
                }
                return result.ToArray();
            });

    /// <summary>Every issue's place and message is one line of text.</summary>
    internal static void AssertOneLine(IReadOnlyList<ParsedMessage> messages)
    {
        foreach (var issue in messages.SelectMany(m => m.Issues))
        {
            Assert.DoesNotMatch(@"[\x00-\x1F\x7F]", issue.Location);
            Assert.DoesNotMatch(@"[\x00-\x1F\x7F]", issue.Message);
        }
    }

    internal static void AssertWellFormed(IReadOnlyList<ParsedMessage> messages)
    {
        Assert.NotEmpty(messages);
        foreach (var m in messages)
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Sender));
            Assert.False(string.IsNullOrWhiteSpace(m.MessageId));
            foreach (var issue in m.Issues)
            {
                Assert.False(string.IsNullOrWhiteSpace(issue.Location));
                Assert.False(string.IsNullOrWhiteSpace(issue.Message));
            }
            if (m.IsRejected)
            {
                Assert.Empty(m.Consignments);
            }
            else if (m.Function == MessageFunction.Original)
            {
                Assert.NotEmpty(m.Consignments);
            }
        }
    }

    private static void ReadsWithEveryErrorPlaced(byte[] bytes)
    {
        var messages = new CuscarFormat().Parse("fuzz.edi", bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken);
        AssertWellFormed(messages);
        foreach (var issue in messages.SelectMany(m => m.Issues).Where(i => i.Severity == IssueSeverity.Error))
        {
            Assert.Matches(@"fuzz\.edi(: line \d+|: interchange .*(segment \d+|line \d+)|$)", issue.Location);
        }
    }

    [Fact]
    public void MutatedInterchangesNeverCrashAndEveryErrorHasAPlace()
    {
        Mutated(Seed, Interesting).Sample(ReadsWithEveryErrorPlaced, iter: 1500, print: b => Encoding.Latin1.GetString(b));
    }

    /// <summary>The mutation <c>fz8Ks3_dHSy1</c>: UNB's terminator turned into a release character, so that it released the line break after it.</summary>
    [Fact]
    public void ALineBreakReleasedInsideTheInterchangeReferenceStaysOutOfTheErrorPlaces()
    {
        Mutated(Seed, Interesting).Sample(ReadsWithEveryErrorPlaced, seed: "fz8Ks3_dHSy1", iter: 1, print: b => Encoding.Latin1.GetString(b));
    }

    [Fact]
    public void RandomBytesNeverCrashTheReader()
    {
        var format = new CuscarFormat();
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            AssertWellFormed(format.Parse("noise.edi", bytes, Samples.ReceivedAt, TestContext.Current.CancellationToken));
        }, iter: 1000);
    }

    [Fact]
    public void TheTokenizerReadsEverySegmentOfTheSampleBackToTheSameBytes()
    {
        var t = new EdifactTokenizer(Seed);
        var rebuilt = new StringBuilder(t.ServiceStringAdviceStart >= 0 ? Encoding.ASCII.GetString(Seed, 0, t.ServiceStringAdviceEnd) : "");
        var segments = 0;
        while (t.MoveNext())
        {
            Assert.Null(t.Problem);
            rebuilt.Append(Encoding.UTF8.GetString(t.RawSegment)).Append('\n');
            segments++;
        }
        Assert.Equal(93 - 1, segments);
        Assert.Equal(Encoding.UTF8.GetString(Seed).Replace("UNA:+.? '\n", "UNA:+.? '", StringComparison.Ordinal), rebuilt.ToString());
    }
}
