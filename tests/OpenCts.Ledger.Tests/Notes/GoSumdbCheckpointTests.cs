using OpenCts.Ledger.Checkpoints;
using OpenCts.Ledger.Notes;

namespace OpenCts.Ledger.Tests.Notes;

// Signed tree heads published by the Go checksum database (sum.golang.org), as quoted in public Go projects and docs.
public sealed class GoSumdbCheckpointTests
{
    private const string SumGolangOrg = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

    [Theory]
    [InlineData(6476701L, "mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=", "Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=")]
    [InlineData(65209736L, "5+uGFjx6xBZG8ip1+wi77v+grwbhhukIrxEUS8PXvRo=", "Az3grnbssgK7ubgFX36gVETtNv0U23qxyAhAMai2QUfeGa3nB/akvkMdlUErfcZz7l/R3cVtYspg3dxXABkGZZKdsQ8=")]
    [InlineData(52544510L, "+TGlZfnTizQCJgyZR56QixD8+X4dd8Wefy8U1w6k0Ig=", "Az3grn6d1PSjcypDf9bfcFVU5fvJB7VkLc0MAbz8jqeQVnSbAj9pKcsB5dJt5VdswPDUtiFar5LPRBu+uEQAT1CDfAc=")]
    [InlineData(3935567L, "SapHtgdNCeF00Cx8kqztePV24kgzNg++Xovae42HAMw=", "Az3grsm7Wm4CVNR1RHq9BFnu9jzcRlU2uw7lr0gfUWgO6+rqPNjT+fUTl9gH0NRTgdwW9nItuQSMbhSaLCsk8YeYSAs=")]
    public void ACheckpointOfTheGoChecksumDatabaseVerifiesWithItsPublishedKey(long size, string root, string signature)
    {
        var note = $"go.sum database tree\n{size}\n{root}\n\n\u2014 sum.golang.org {signature}\n";

        var verified = new CheckpointVerifier([NoteVerifier.Parse(SumGolangOrg)]).Verify(note);

        Assert.Equal(("go.sum database tree", size), (verified.Checkpoint.Origin, verified.Checkpoint.Size));
        Assert.Equal(Convert.FromBase64String(root), verified.Checkpoint.RootHash);
    }

    [Fact]
    public void AnotherSizeUnderTheSameSignatureIsRejected()
    {
        var note = "go.sum database tree\n6476702\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n\n\u2014 sum.golang.org Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n";
        Assert.Throws<NoteVerificationException>(() => new CheckpointVerifier([NoteVerifier.Parse(SumGolangOrg)]).Verify(note));
    }

    [Fact]
    public void ACosignatureByAnUnknownWitnessIsIgnored()
    {
        var note = "go.sum database tree\n15067302\ngJyioq6dwR9n+NjEWORfYmH+ubeYm3kH42BBQ0bTpYI=\n\n"
            + "\u2014 sum.golang.org Az3grp1rvWOs5NKlr/xR4GLN/CDyzzakmt1o61uSxYKpK1SerqOP2ClbX/peKUZjYnyomH5Xz7GZG3TpB7OeKn4E2ww=\n"
            + "\u2014 test.example.com qTGhC/xIPQ0AXKHK6Y+9ypRfuvMZWPjRXM8NiOg5M1WREn07VQXyuIXM3NRNav3ieVFLUqDRK77PWDmL6w8w84UqeAw=\n";
        var verified = new CheckpointVerifier([NoteVerifier.Parse(SumGolangOrg)]).Verify(note);
        Assert.Equal(15067302, verified.Checkpoint.Size);
        Assert.Empty(verified.Cosignatures);
    }
}
