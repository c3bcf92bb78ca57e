using OpenCts.Targeting.Catalog;

namespace OpenCts.Targeting.Tests.Catalog;

public sealed class ProfileFileTests : IDisposable
{
    private const string Profile = """{"id": "X-1", "name": "NAME", "category": "other", "criteria": "mode == \"Sea\"", "weight": 10, "action": "yellowLane", "owner": "tests", "validFrom": "2026-01-01T00:00:00Z"}""";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"profiles-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData("\"name\": \"NAME\"", "\"name\": \"\\ud800\"", "profiles[0].name: holds an escape that is not a character (a lone UTF-16 surrogate)")]
    [InlineData("\"validFrom\": \"2026", "\"validFrom\": \"\\udfff", "profiles[0].validFrom: expected an ISO 8601 date and time with offset, such as 2026-03-01T08:00:00Z, found a text that is not all characters")]
    [InlineData("\"owner\"", "\"\\ud800owner\"", "profiles[0]: a field's name holds an escape that is not a character (a lone UTF-16 surrogate)")]
    public void AnEscapeThatIsNoCharacterIsReportedAtItsPathInTheFile(string field, string mutated, string error)
    {
        // \ud800 alone is valid JSON but no text: the reader must name where it is rather than throw InvalidOperationException.
        File.WriteAllText(_path, $$"""{"profiles": [{{Profile.Replace(field, mutated, StringComparison.Ordinal)}}]}""");

        var failure = Assert.Throws<FormatException>(() => ProfileFile.Load(_path));

        Assert.Equal($"{_path}: {error}", failure.Message);
    }

    [Fact]
    public void TheUnmutatedProfileIsRead()
    {
        File.WriteAllText(_path, $$"""{"profiles": [{{Profile}}]}""");

        Assert.Equal("NAME", Assert.Single(ProfileFile.Load(_path)).Name);
    }
}
