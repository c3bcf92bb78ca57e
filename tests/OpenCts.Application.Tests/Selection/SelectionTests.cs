using OpenCts.Application.Selection;
using OpenCts.Application.Users;
using OpenCts.Storage.Offices;

namespace OpenCts.Application.Tests.Selection;

public sealed class SelectionTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static OfficeSettings Office(int perDay, double random) => new("NLRTM", perDay, 0.05, 0.1, random, "sue", DateTimeOffset.UnixEpoch);

    [Fact]
    public void TheRedLaneIsFilledByRiskUpToCapacityKeepingTheRandomShare()
    {
        RedLaneEntry[] red =
        [
            new("a", "NLRTM", Day, 90, false),
            new("b", "NLRTM", Day, 80, false),
            new("c", "NLRTM", Day, 70, false),
            new("r", "NLRTM", Day, 10, true),
        ];
        var over = OfficeCapacity.OverCapacity(red, [Office(2, 0.5)]);
        Assert.Equal(["b", "c"], over.Order());
    }

    [Fact]
    public void EachDayAndOfficeHasItsOwnCapacityAndAnOfficeWithoutSettingsNone()
    {
        RedLaneEntry[] red =
        [
            new("a", "NLRTM", Day, 90, false),
            new("b", "NLRTM", Day.AddDays(1), 80, false),
            new("c", "BEANR", Day, 70, false),
            new("d", "NLRTM", Day, 60, false),
        ];
        Assert.Equal(["d"], OfficeCapacity.OverCapacity(red, [Office(1, 0)]));
    }

    [Fact]
    public async Task ExaminationsGoToTheExaminerWithTheFewestOpenAssignments()
    {
        await using var app = new TestApplication();
        await app.Application.Users.AddAsync("eva", Roles.Examiner, apiKey: true, "test", Token);
        await app.Application.Users.AddAsync("ed", Roles.Examiner, apiKey: true, "test", Token);
        var examined = (await app.Application.Intake.ReceiveAsync(TestApplication.Csv("m1", "160-11111111", departure: DateTimeOffset.UtcNow), "a.csv", "acme", Token))[0].Stored.Versions[0].DocumentKey;
        var first = await app.Application.Examiners.AssignAsync(examined, "physical", "tom", Token);
        var second = await app.Application.Examiners.AssignAsync("doc-2", "scan", "tom", Token);
        Assert.Equal("ed", first!.Examiner);
        Assert.Equal("eva", second!.Examiner);

        // A result closes ed's assignment, so ed has fewer open ones than eva and gets the next.
        await app.Application.ExaminationResults.RecordAsync(examined, "no-find", null, null, null, null, Token);
        var third = await app.Application.Examiners.AssignAsync("doc-3", "scan", "tom", Token);
        Assert.Equal("ed", third!.Examiner);
        Assert.Single(await app.Application.Examiners.OfAsync("ed", openOnly: true, Token));
        Assert.Equal(2, (await app.Application.Examiners.OfAsync("ed", openOnly: false, Token)).Count);
    }

    [Theory]
    [InlineData("NL RTM", 5, 0.0, "office")]
    [InlineData("NLRTM", -1, 0.0, "examinationsPerDay")]
    [InlineData("NLRTM", 5, 1.5, "randomShare")]
    public async Task OfficeSettingsOutOfRangeNameTheirField(string office, int perDay, double random, string field)
    {
        await using var app = new TestApplication();
        var error = await Assert.ThrowsAsync<OpenCts.Domain.Common.DomainException>(() => app.Application.Offices.SetAsync(office, perDay, 0.05, 0.1, random, "sue", Token));
        Assert.Equal(field, error.Field);
    }
}
