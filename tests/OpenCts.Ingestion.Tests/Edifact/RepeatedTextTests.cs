using System.Text;
using CsCheck;
using OpenCts.Ingestion.Edifact;

namespace OpenCts.Ingestion.Tests.Edifact;

/// <summary>The shared strings of values read: whatever table a value comes from, it is the text of its bytes.</summary>
public sealed class RepeatedTextTests
{
    private static readonly Gen<byte[]> AsciiValues = Gen.Byte[0, 127].Array[1, RepeatedText.MaxLength];

    [Fact]
    public void A_shared_value_is_the_text_of_its_bytes_short_or_long_first_time_or_again()
    {
        AsciiValues.Sample(bytes =>
        {
            var expected = Encoding.ASCII.GetString(bytes);
            Assert.Equal(expected, RepeatedText.Of(bytes));
            Assert.Same(RepeatedText.Of(bytes), RepeatedText.Of(bytes));
        }, iter: 2000);
    }

    [Theory]
    [InlineData("A", "A\0")]
    [InlineData("NL", "NL\0\0")]
    [InlineData("12345678", "1234567")]
    [InlineData("ABCDEFGH-1-IJKLMNOP", "ABCDEFGH-2-IJKLMNOP")]
    [InlineData("Coral Logistics SRL", "Coral Logistics SRL ")]
    public void Values_that_share_a_slot_or_a_hash_are_never_taken_for_each_other(string first, string second)
    {
        // The long pair has the same first and last eight bytes and length, so the same hash and slot; the short pairs
        // differ only by trailing zero bytes, which the eight-byte key of a short value does not show by itself.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first, RepeatedText.Of(Encoding.ASCII.GetBytes(first)));
            Assert.Equal(second, RepeatedText.Of(Encoding.ASCII.GetBytes(second)));
        }
    }

    [Fact]
    public void Threads_reading_values_at_the_same_time_each_get_the_text_of_their_own_bytes()
    {
        // Few distinct values on many threads, so that slots are written while others read them.
        var values = Enumerable.Range(0, 64).Select(i => i % 2 == 0 ? $"V{i}" : $"A longer value number {i} of the file").Select(Encoding.ASCII.GetBytes).ToArray();
        var wrong = 0;
        Parallel.For(0, 8, thread =>
        {
            var random = new Random(thread);
            for (var i = 0; i < 50_000; i++)
            {
                var bytes = values[random.Next(values.Length)];
                if (!Ascii.Equals(bytes, RepeatedText.Of(bytes)))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });
        Assert.Equal(0, wrong);
    }
}
