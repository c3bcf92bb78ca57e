using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenCts.Server.Tests;

/// <summary>Bad payloads get RFC 9457 problem details that name the field.</summary>
[Collection(ServerCollection.Name)]
public sealed class ValidationTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> AnyDocumentAsync()
    {
        var rows = await server.UseStoreAsync(a => a.Store.Assessments.TargetsAsync(1, Domain.Assessments.Lane.Green, Token));
        return Uri.EscapeDataString(rows[0].Assessment.DocumentKey);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    [Theory]
    [InlineData("""{"action":"shred"}""", "action")]
    [InlineData("""{"action":"release","kind":"scan"}""", "kind")]
    [InlineData("""{"action":"examine","kind":"x-ray"}""", "kind")]
    [InlineData("""{"action":"examine"}""", "kind")]
    [InlineData("""{"action":17}""", "action")]
    public async Task ABadDecisionIs400NamingTheField(string body, string field)
    {
        using var tom = server.As("tom");
        var problem = await ProblemAsync(await tom.PostAsync($"/api/v1/consignments/{await AnyDocumentAsync()}/decisions", ServerFixture.Json(body), Token), HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("""{"document":"x","outcome":"found-something"}""", "outcome")]
    [InlineData("""{"outcome":"no-find"}""", "document")]
    [InlineData("""{"document":"x","outcome":"seizure","amount":-5,"currency":"EUR"}""", "amount")]
    [InlineData("""{"document":"x","outcome":"revenue-adjustment","amount":10,"currency":"EURO"}""", "currency")]
    [InlineData("""{"document":"x","outcome":"seizure","quantity":"many"}""", "quantity")]
    public async Task ABadExaminationIs400NamingTheField(string body, string field)
    {
        using var eve = server.As("eve");
        var problem = await ProblemAsync(await eve.PostAsync("/api/v1/examinations", ServerFixture.Json(body), Token), HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("/api/v1/consignments?lane=purple", "lane")]
    [InlineData("/api/v1/consignments?pageSize=100000", "pageSize")]
    [InlineData("/api/v1/consignments?page=0", "page")]
    public async Task ABadListQueryIs400NamingTheParameter(string url, string field)
    {
        using var tom = server.As("tom");
        var problem = await ProblemAsync(await tom.GetAsync(url, Token), HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task ConsignmentsAreListedPagedAndFilteredByLane()
    {
        using var tom = server.As("tom");
        var page = await tom.GetFromJsonAsync<JsonElement>("/api/v1/consignments?lane=red&page=1&pageSize=5", Token);
        Assert.True(page.GetProperty("total").GetInt32() > 0);
        Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 5);
        Assert.All(page.GetProperty("items").EnumerateArray(), item => Assert.Equal("red", item.GetProperty("lane").GetString()));
    }

    [Fact]
    public async Task AProfileWhoseCriteriaDoNotCompileIs400NamingTheCriteria()
    {
        using var ana = server.As("ana");
        var problem = await ProblemAsync(
            await ana.PostAsync("/api/v1/profiles", ServerFixture.Json("""{"id":"BAD-001","name":"Broken","category":"narcotics","criteria":"goods.hs startsWith","weight":40,"action":"red-lane"}"""), Token),
            HttpStatusCode.BadRequest);
        Assert.Equal("criteria", problem.GetProperty("field").GetString());
    }
}
