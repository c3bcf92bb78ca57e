using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using OpenCts.Ingestion.Edifact;

namespace OpenCts.Ingestion.Tests.Edifact;

/// <summary>A message's raw bytes, put together from the file when first read.</summary>
public sealed class RawMessageTests
{
    private static readonly byte[] File = Encoding.ASCII.GetBytes("UNA:+.? '\r\nUNB+UNOC:3+S+R+261128:0930+REF1'\r\nUNH+1+CUSCAR:D:95B:UN'BGM+785+M1+9'UNT+3+1'\r\nUNZ+1+REF1'");

    [Fact]
    public void The_raw_bytes_are_the_una_and_unb_each_on_a_line_then_the_message_without_what_follows_it()
    {
        var raw = new RawMessage(File, 0..9, 11..43, 45..88).Memory;
        Assert.Equal("UNA:+.? '\nUNB+UNOC:3+S+R+261128:0930+REF1'\nUNH+1+CUSCAR:D:95B:UN'BGM+785+M1+9'UNT+3+1'", Encoding.ASCII.GetString(raw.Span));
        Assert.Equal(raw.Span.Length, raw.Length);
    }

    [Fact]
    public void A_message_outside_an_interchange_has_no_header_lines()
    {
        var raw = new RawMessage(File, default, default, 45..88).Memory;
        Assert.Equal("UNH+1+CUSCAR:D:95B:UN'BGM+785+M1+9'UNT+3+1'", Encoding.ASCII.GetString(raw.Span));
    }

    [Fact]
    public void Threads_that_read_the_raw_bytes_at_once_all_get_the_same_array()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var raw = new RawMessage(File, 0..9, 11..43, 45..88).Memory;
            var same = new bool[4];
            using var allRead = new Barrier(same.Length);
            // Threads of their own: each waits for the others, which pool threads might not all be there to do.
            var threads = Enumerable.Range(0, same.Length).Select(i => new Thread(() =>
            {
                var first = raw.Span;
                allRead.SignalAndWait(TestContext.Current.CancellationToken);
                same[i] = Unsafe.AreSame(ref MemoryMarshal.GetReference(first), ref MemoryMarshal.GetReference(raw.Span));
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.All(same, Assert.True);
        }
    }

    [Fact]
    public void The_raw_bytes_can_be_pinned_before_they_are_read()
    {
        var raw = new RawMessage(File, 0..9, 11..43, 45..88).Memory;
        using var handle = raw.Pin();
        Assert.EndsWith("UNT+3+1'", Encoding.ASCII.GetString(raw.Span), StringComparison.Ordinal);
    }
}
