using OpenCts.Ledger.Tiles;

namespace OpenCts.Ledger.Tests.Tiles;

public sealed class TilePathTests
{
    [Theory]
    [InlineData("0/000", 0, 0L, 256)]
    [InlineData("1/x001/x234/067", 1, 1234067L, 256)]
    [InlineData("2/x001/x234/067.p/17", 2, 1234067L, 17)]
    [InlineData("entries/x001/234.p/255", -1, 1234L, 255)]
    public void ATilePathFromTheSpecReadsAndWritesBack(string path, int level, long index, int width)
    {
        Assert.True(TilePath.TryParse(path, out var tile));
        Assert.Equal(new TilePath(level, index, width), tile);
        Assert.Equal(path, tile.ToString());
    }

    [Theory]
    [InlineData("0/0")]
    [InlineData("00/000")]
    [InlineData("0/001/002")]
    [InlineData("0/x001")]
    [InlineData("0/000.p/0")]
    [InlineData("0/000.p/256")]
    [InlineData("64/000")]
    [InlineData("0/000.p/07")]
    public void APathTheSpecDoesNotAllowIsRefused(string path)
    {
        Assert.False(TilePath.TryParse(path, out _));
    }
}
