using OpenCts.Targeting.Catalog;

namespace OpenCts.Targeting.Tests.Catalog;

public sealed class TrustedTraderFileTests : IDisposable
{
    private const string Header = "scheme,identifier,name,programme,validFrom,validTo";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"traders-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    private FormatException LoadFailure(string text)
    {
        File.WriteAllText(_path, text);
        return Assert.Throws<FormatException>(() => TrustedTraderFile.Load(_path));
    }

    [Fact]
    public void ATraderIsReadWithItsProgrammeAndValidity()
    {
        File.WriteAllText(_path, Header + "\neori,NL123456789,\"Delta\nB.V.\",AEO-F,2026-01-01,\n");

        var trader = Assert.Single(TrustedTraderFile.Load(_path));

        Assert.Equal(("EORI", "NL123456789", "Delta\nB.V.", "AEO-F"), (trader.Scheme, trader.Identifier, trader.Name, trader.Programme));
        Assert.Null(trader.ValidTo);
    }

    [Fact]
    public void ABadDateAfterANameSpanningLinesIsReportedAtItsPhysicalLine()
    {
        var error = LoadFailure(Header + "\nEORI,NL1,\"Delta\nB.V.\nRotterdam\",AEO-F,2026-01-01,\nEORI,NL2,Gamma,AEO-C,next week,\n");

        Assert.Equal($"{_path}: line 5, column 5 (validFrom): 'next week' is not a date such as 2026-01-31", error.Message);
    }

    [Fact]
    public void AMissingValueInARowSpanningLinesIsReportedAtTheLineItsFieldStartsOn()
    {
        var error = LoadFailure(Header + "\nEORI,NL1,\"Delta\nB.V.\",,2026-01-01,\n");

        Assert.Equal($"{_path}: line 3, column 4 (programme): is required", error.Message);
    }

    [Fact]
    public void MalformedCsvIsReportedWithItsPlaceAfterANameSpanningLines()
    {
        var error = LoadFailure(Header + "\nEORI,NL1,\"Delta\nB.V.\",AEO-F,,\nEORI,NL2,\"Gamma\" Ltd,AEO-C,,\n");

        Assert.StartsWith($"{_path}: line 4, column 3: not valid CSV: ", error.Message, StringComparison.Ordinal);
    }
}
