using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenCts.Application.Users;

namespace OpenCts.Server.Tests;

/// <summary>Office capacity on the worklist, examinations assigned to examiners, and alerts sent by subscription.</summary>
[Collection(ServerCollection.Name)]
public sealed class SelectionAndSubscriptionTests(ServerFixture server)
{
    private const string SampleMaster = "MasterAirWaybill:160-12345675";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> PortOfSamplesAsync() =>
        (await server.UseStoreAsync(a => a.Store.Messages.VersionsAsync(SampleMaster, Token)))[^1].Consignment.PlaceOfDischarge!.Value.Value;

    [Fact]
    public async Task AnOfficeWithoutCapacityMarksItsRedLaneOverCapacityOnTheWorklist()
    {
        var port = await PortOfSamplesAsync();
        using var sue = server.As("sue");
        using var postnl = server.As("postnl");
        using var tom = server.As("tom");
        var receipt = await (await postnl.PostAsync("/api/v1/messages", new ByteArrayContent(RedMessages.Waybill(4_200_001)), Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var document = receipt.GetProperty("documents")[0].GetString()!;
        await WaitForLaneAsync(tom, document);

        var set = await sue.PutAsync($"/api/v1/offices/{port}", ServerFixture.Json("""{"examinationsPerDay": 0, "redShare": 0.05, "yellowShare": 0.1, "randomShare": 0.2}"""), Token);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var offices = await tom.GetFromJsonAsync<JsonElement>("/api/v1/offices", Token);
        Assert.Contains(offices.EnumerateArray(), o => o.GetProperty("office").GetString() == port && o.GetProperty("examinationsPerDay").GetInt32() == 0);

        var red = await tom.GetFromJsonAsync<JsonElement>($"/api/v1/consignments?lane=red&q={Uri.EscapeDataString(document)}", Token);
        var row = Assert.Single(red.GetProperty("items").EnumerateArray());
        Assert.True(row.GetProperty("overCapacity").GetBoolean());
        Assert.Equal(port, row.GetProperty("port").GetString());

        await sue.PutAsync($"/api/v1/offices/{port}", ServerFixture.Json("""{"examinationsPerDay": 100000}"""), Token);
        red = await tom.GetFromJsonAsync<JsonElement>($"/api/v1/consignments?lane=red&q={Uri.EscapeDataString(document)}", Token);
        Assert.False(red.GetProperty("items")[0].GetProperty("overCapacity").GetBoolean());
    }

    [Theory]
    [InlineData("""{"examinationsPerDay": -1}""", "examinationsPerDay")]
    [InlineData("""{"examinationsPerDay": 5, "randomShare": 2}""", "randomShare")]
    [InlineData("""{"examinationsPerDay": 5, "redShare": 0.7, "yellowShare": 0.6}""", "yellowShare")]
    [InlineData("""{"examinationsPerDay": "many"}""", "examinationsPerDay")]
    public async Task BadOfficeSettingsAre400NamingTheField(string body, string field)
    {
        using var sue = server.As("sue");
        var response = await sue.PutAsync("/api/v1/offices/NLRTM", ServerFixture.Json(body), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task AnOrderedExaminationIsAssignedToAnExaminerWhoListsItAsTheirs()
    {
        using var tom = server.As("tom");
        using var eve = server.As("eve");
        var decided = await tom.PostAsync($"/api/v1/consignments/{Uri.EscapeDataString(SampleMaster)}/decisions", ServerFixture.Json("""{"action": "examine", "kind": "scan", "comment": "x-ray"}"""), Token);
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        var mine = await eve.GetFromJsonAsync<JsonElement>("/api/v1/examinations/mine", Token);
        Assert.Contains(mine.EnumerateArray(), a => a.GetProperty("document").GetString() == SampleMaster && a.GetProperty("kind").GetString() == "scan" && a.GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task TheWorklistSortedByArrivalListsTheSoonestFirst()
    {
        using var tom = server.As("tom");
        var page = await tom.GetFromJsonAsync<JsonElement>("/api/v1/consignments?sort=arrival&pageSize=500", Token);
        var arrivals = page.GetProperty("items").EnumerateArray().Select(r => r.TryGetProperty("estimatedArrival", out var a) ? a.GetDateTimeOffset() : DateTimeOffset.MaxValue).ToList();
        Assert.True(arrivals.Count > 1);
        Assert.Equal(arrivals.Order().ToList(), arrivals);

        var bad = await tom.GetAsync("/api/v1/consignments?sort=soonest", Token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("sort", (await bad.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task TheAlertStreamSendsOnlyTheAlertsMatchingTheCallersSubscriptions()
    {
        var port = await PortOfSamplesAsync();
        await server.AddPersonAsync("tina", Roles.Targeter);
        await server.AddPersonAsync("toby", Roles.Targeter);
        using var tina = server.As("tina");
        using var toby = server.As("toby");
        Assert.Equal(HttpStatusCode.Created, (await tina.PostAsync("/api/v1/subscriptions", ServerFixture.Json($$"""{"port": "{{port}}"}"""), Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await toby.PostAsync("/api/v1/subscriptions", ServerFixture.Json("""{"port": "USNYC", "category": "narcotics"}"""), Token)).StatusCode);
        var listed = await tina.GetFromJsonAsync<JsonElement>("/api/v1/subscriptions", Token);
        Assert.Equal(port, Assert.Single(listed.EnumerateArray()).GetProperty("port").GetString());

        await using var tinaStream = await AlertStream.OpenAsync(server.As("tina"), Token);
        await using var tobyStream = await AlertStream.OpenAsync(server.As("toby"), Token);
        using var postnl = server.As("postnl");
        var receipt = await (await postnl.PostAsync("/api/v1/messages", new ByteArrayContent(RedMessages.Waybill(4_200_002)), Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var document = receipt.GetProperty("documents")[0].GetString()!;

        var (_, alert) = await tinaStream.NextForAsync(document, TimeSpan.FromSeconds(20));
        Assert.Equal(port, alert.GetProperty("port").GetString());
        Assert.True(alert.TryGetProperty("hoursToArrival", out _));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tobyStream.NextForAsync(document, TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("""{"category": "smuggling"}""", "category")]
    [InlineData("""{"port": "nowhere"}""", "port")]
    [InlineData("""{"group": "targeter"}""", "group")]
    public async Task BadSubscriptionsAre400NamingTheField(string body, string field)
    {
        using var tom = server.As("tom");
        var response = await tom.PostAsync("/api/v1/subscriptions", ServerFixture.Json(body), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task ASubscriptionIsRemovedByItsOwnerOnly()
    {
        await server.AddPersonAsync("tess", Roles.Targeter);
        using var tess = server.As("tess");
        using var tom = server.As("tom");
        var created = await (await tess.PostAsync("/api/v1/subscriptions", ServerFixture.Json("""{"category": "narcotics"}"""), Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("narcotics", created.GetProperty("category").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await tom.DeleteAsync($"/api/v1/subscriptions/{id}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tess.DeleteAsync($"/api/v1/subscriptions/{id}", Token)).StatusCode);
        Assert.Empty((await tess.GetFromJsonAsync<JsonElement>("/api/v1/subscriptions", Token)).EnumerateArray());
    }

    private static async Task WaitForLaneAsync(HttpClient officer, string document)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/consignments/{Uri.EscapeDataString(document)}", Token);
            if (detail.TryGetProperty("lane", out var lane) && lane.GetString() == "red")
            {
                return;
            }
            Assert.True(DateTime.UtcNow < until, "the consignment was not assessed red in time");
            await Task.Delay(100, Token);
        }
    }
}
