using OpenCts.Storage.Messages;

namespace OpenCts.Application.Tests.Intake;

public class MessageIntakeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BytesReceivedFromAnAuthenticatedSenderAreStoredUnderThatSenderAndJournaled()
    {
        await using var test = new TestApplication();
        var bytes = await File.ReadAllBytesAsync(TestApplication.Sample("messages", "cargo-xml-xfwb.xml"), Token);

        var received = Assert.Single(await test.Application.Intake.ReceiveAsync(bytes, "upload.xml", "carrier-lh", Token));
        var again = Assert.Single(await test.Application.Intake.ReceiveAsync(bytes, "upload.xml", "carrier-lh", Token));

        Assert.Equal((MessageOutcome.Stored, "carrier-lh"), (received.Stored.Outcome, received.Message.Sender));
        Assert.Equal((MessageOutcome.Duplicate, MessageStatus.Duplicate, received.Stored.RawMessageId), (again.Stored.Outcome, again.Stored.Status, again.Stored.RawMessageId));
        var canonical = await test.Store.ReadCanonicalAsync("message", received.Stored.RawMessageId.ToString(System.Globalization.CultureInfo.InvariantCulture), Token);
        Assert.Equal(bytes, canonical![^bytes.Length..]);
        Assert.Contains("\ncarrier-lh\n", System.Text.Encoding.UTF8.GetString(canonical[..^bytes.Length]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BytesInNoKnownFormatAreKeptAsARejectedMessageWithThePlaceNamed()
    {
        await using var test = new TestApplication();

        var received = Assert.Single(await test.Application.Intake.ReceiveAsync("hello, customs"u8.ToArray(), "note.txt", "carrier-lh", Token));

        Assert.Equal(MessageStatus.Rejected, received.Stored.Status);
        var error = Assert.Single(received.Stored.Issues);
        Assert.Equal("note.txt", error.Location);
        Assert.StartsWith("not a message in any known format (", error.Message, StringComparison.Ordinal);
        Assert.Equal(new MessageCounts(1, 1, 0, 0), await test.Store.Messages.CountsAsync(Token));
    }
}
