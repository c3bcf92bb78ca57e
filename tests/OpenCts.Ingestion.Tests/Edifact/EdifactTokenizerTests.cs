using System.Text;
using CsCheck;
using OpenCts.Ingestion.Edifact;

namespace OpenCts.Ingestion.Tests.Edifact;

/// <summary>The tokenizer against a byte-by-byte reading of the same rules, on inputs full of separators, releases and line breaks.</summary>
/// <remarks>
/// The tokenizer searches for separators with vectorised searches over blocks of bytes, so values, releases and line
/// breaks that straddle a block's edge, and inputs that end in the middle of a segment, are where a faster search could
/// go wrong; the inputs here are long enough to cross several 16-, 32- and 64-byte edges, and pin the rules for any
/// search that replaces this one.
/// </remarks>
public sealed class EdifactTokenizerTests
{
    /// <summary>A segment as the reference reads it: its components by element, each as raw bytes and as text, and whether it is terminated.</summary>
    private sealed record Segment(List<List<(string Raw, string? Text)>> Elements, bool Terminated, bool ReleaseAtEnd);

    private static readonly string DefaultAlphabet = "AB1 :+'?\r\n";
    private static readonly string AdviceAlphabet = "AB1 |*~!:+'?\r\n";

    [Fact]
    public void Segments_elements_and_components_are_those_of_a_byte_by_byte_reading()
    {
        Gen.Select(Gen.Int[0, 9], Gen.Char[DefaultAlphabet].Array[0, 400]).Sample((lead, chars) =>
        {
            var text = new string('A', lead) + new string(chars);
            AssertSameAsReference(text, EdifactDelimiters.Default);
        }, iter: 3000);
    }

    [Fact]
    public void Other_service_characters_set_by_una_are_read_the_same_way()
    {
        var advice = EdifactDelimiters.FromServiceStringAdvice("|*.! ~"u8)!.Value;
        Gen.Char[AdviceAlphabet].Array[0, 400].Sample(chars =>
        {
            AssertSameAsReference("UNA|*.! ~" + new string(chars), advice);
        }, iter: 2000);
    }

    [Fact]
    public void Without_a_release_character_the_question_mark_is_text()
    {
        var advice = EdifactDelimiters.FromServiceStringAdvice(":+.  '"u8)!.Value;
        Assert.False(advice.HasRelease);
        Gen.Char[DefaultAlphabet].Array[0, 400].Sample(chars =>
        {
            AssertSameAsReference("UNA:+.  '" + new string(chars), advice);
        }, iter: 1000);
    }

    [Fact]
    public void A_released_separator_on_a_64_byte_edge_stays_in_its_value()
    {
        for (var pad = 50; pad < 80; pad++)
        {
            var value = new string('X', pad) + "?+?:?'??END";
            var t = new EdifactTokenizer(Encoding.ASCII.GetBytes($"FTX+AAA+++{value}'GID+1'"));
            Assert.True(t.MoveNext());
            Assert.Equal(new string('X', pad) + "+:'?END", t.Text(4, 1));
            Assert.True(t.MoveNext());
            Assert.Equal("GID", t.Tag);
            Assert.False(t.MoveNext());
        }
    }

    [Fact]
    public void An_input_that_ends_inside_a_segment_or_just_after_a_release_names_what_is_missing()
    {
        var t = new EdifactTokenizer(Encoding.ASCII.GetBytes("BGM+785+" + new string('X', 70)));
        Assert.True(t.MoveNext());
        Assert.Equal("the segment is not ended by the segment terminator ''' before the end of the input", t.Problem);
        t = new EdifactTokenizer(Encoding.ASCII.GetBytes("BGM+785+" + new string('X', 70) + "?"));
        Assert.True(t.MoveNext());
        Assert.Equal("the release character ends the input; it must be followed by the character it releases", t.Problem);
    }

    private static void AssertSameAsReference(string text, EdifactDelimiters d)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        var tokenizer = new EdifactTokenizer(bytes);
        Assert.Equal(d, tokenizer.Delimiters);
        var expected = Reference(bytes, tokenizer.ServiceStringAdviceEnd, d);
        var n = 0;
        while (tokenizer.MoveNext())
        {
            Assert.True(n < expected.Count, $"more segments than the reference in {Show(text)}");
            var segment = expected[n++];
            if (!segment.Terminated)
            {
                Assert.Contains(segment.ReleaseAtEnd ? "the release character ends the input" : "not ended by the segment terminator", tokenizer.Problem);
            }
            Assert.Equal(segment.Elements.Count, tokenizer.ElementCount);
            for (var e = 0; e < segment.Elements.Count; e++)
            {
                Assert.Equal(segment.Elements[e].Count, tokenizer.ComponentCount(e));
                for (var c = 0; c < segment.Elements[e].Count; c++)
                {
                    Assert.Equal(segment.Elements[e][c].Raw, Encoding.Latin1.GetString(tokenizer.Span(e, c + 1)));
                    Assert.Equal(segment.Elements[e][c].Text, tokenizer.Text(e, c + 1));
                }
            }
        }
        Assert.Equal(expected.Count, n);
    }

    /// <summary>The rules of the tokenizer, one byte at a time: whitespace between segments is skipped, line breaks are dropped from values, and a release character releases the next byte that is not a line break.</summary>
    private static List<Segment> Reference(byte[] bytes, int start, EdifactDelimiters d)
    {
        var segments = new List<Segment>();
        var i = start;
        while (true)
        {
            while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
            }
            if (i >= bytes.Length)
            {
                return segments;
            }
            var elements = new List<List<(string, string?)>> { new() };
            var raw = new List<byte>();
            var value = new List<byte>();
            var terminated = false;
            var releaseAtEnd = false;
            void Close()
            {
                var text = value.Count == 0 ? null : Decode([.. value]);
                elements[^1].Add((Encoding.Latin1.GetString([.. raw]), text));
                raw.Clear();
                value.Clear();
            }
            while (i < bytes.Length)
            {
                var b = bytes[i];
                if (b == d.Terminator)
                {
                    terminated = true;
                    i++;
                    break;
                }
                if (d.HasRelease && b == d.Release)
                {
                    var j = i + 1;
                    while (j < bytes.Length && bytes[j] is (byte)'\r' or (byte)'\n')
                    {
                        j++;
                    }
                    raw.AddRange(bytes[i..Math.Min(j + 1, bytes.Length)]);
                    if (j >= bytes.Length)
                    {
                        // Nothing left to release: the release character is kept as text.
                        value.Add(b);
                        releaseAtEnd = true;
                        i = j;
                        break;
                    }
                    value.Add(bytes[j]);
                    i = j + 1;
                    continue;
                }
                if (b is (byte)'\r' or (byte)'\n')
                {
                    raw.Add(b);
                    i++;
                    continue;
                }
                if (b == d.Component || b == d.Element)
                {
                    Close();
                    if (b == d.Element)
                    {
                        elements.Add([]);
                    }
                    i++;
                    continue;
                }
                raw.Add(b);
                value.Add(b);
                i++;
            }
            Close();
            segments.Add(new Segment(elements, terminated, releaseAtEnd));
        }
    }

    private static string Decode(byte[] bytes) =>
        Ascii.IsValid(bytes) ? Encoding.ASCII.GetString(bytes)
        : System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes)
        : Encoding.Latin1.GetString(bytes);

    private static string Show(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
