using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenCts.Domain.Assessments;

namespace OpenCts.Server.Tests;

/// <summary>
/// Requests that clients send twice, or that two officers send at once: a retried examination result is recorded once and
/// answered with the first result, and of two examine decisions at once one is kept with its assignment and one gets 409.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ExaminationRetryTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Green consignments of the samples that no other test decides on or examines: from the far end of the green lane.</summary>
    private async Task<List<string>> QuietDocumentsAsync(int count, int skip)
    {
        var rows = await server.UseStoreAsync(a => a.Store.Assessments.TargetsAsync(5000, Lane.Green, Token));
        var documents = rows.Select(r => r.Assessment.DocumentKey).Where(d => !d.StartsWith("MasterAirWaybill:160-12345675", StringComparison.Ordinal)).Reverse().Skip(skip).Take(count).ToList();
        Assert.Equal(count, documents.Count);
        return documents;
    }

    private async Task<int> ResultsOnAsync(string document) =>
        (await server.UseStoreAsync(a => a.Store.Examinations.AllAsync(Token))).Count(r => r.DocumentKey == document);

    private static HttpRequestMessage Post(string body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/examinations") { Content = ServerFixture.Json(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return request;
    }

    /// <summary>Sends every request on the thread pool before awaiting any.</summary>
    private static async Task<(HttpStatusCode Status, string Body)[]> AtOnceAsync(HttpClient client, params Func<HttpRequestMessage>[] requests)
    {
        using var start = new ManualResetEventSlim();
        var tasks = requests.Select(r => Task.Run(async () =>
        {
            start.Wait(Token);
            using var response = await client.SendAsync(r(), Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
        }, Token)).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task The_same_result_posted_twice_at_once_under_one_Idempotency_Key_is_recorded_once_and_both_answers_carry_the_first_result()
    {
        using var eve = server.As("eve");
        var document = (await QuietDocumentsAsync(1, skip: 0))[0];
        var before = await ResultsOnAsync(document);
        var key = Guid.NewGuid().ToString();
        var body = $$"""{"document":"{{document}}","outcome":"seizure","amount":1250.50,"currency":"EUR","quantity":12,"comment":"controlled electronics"}""";

        var answers = await AtOnceAsync(eve, () => Post(body, key), () => Post(body, key));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], answers.Select(a => a.Status).Order());
        Assert.Equal(answers[0].Body, answers[1].Body);
        Assert.Equal(before + 1, await ResultsOnAsync(document));
        var result = JsonDocument.Parse(answers[0].Body).RootElement;
        Assert.Equal(("seizure", 1250.5m, "controlled electronics"), (result.GetProperty("outcome").GetString(), result.GetProperty("amount").GetDecimal(), result.GetProperty("comment").GetString()));

        // Later, the same result once more (trailing zeros do not make another amount): 200 with the first result, still one.
        using var again = await eve.SendAsync(Post(body.Replace("1250.50", "1250.5", StringComparison.Ordinal), key), Token);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(answers[0].Body, await again.Content.ReadAsStringAsync(Token));
        Assert.Equal(before + 1, await ResultsOnAsync(document));
    }

    [Fact]
    public async Task Another_result_under_a_used_key_is_409_naming_the_key_and_records_nothing()
    {
        using var eve = server.As("eve");
        var document = (await QuietDocumentsAsync(1, skip: 1))[0];
        var key = "retry-" + Guid.NewGuid().ToString("N");
        using var first = await eve.SendAsync(Post($$"""{"document":"{{document}}","outcome":"no-find"}""", key), Token);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var other = await eve.SendAsync(Post($$"""{"document":"{{document}}","outcome":"seizure","comment":"found after all"}""", key), Token);

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(
            $"examination result key '{key}' is already recorded with a different result (document {document}); a retry must send the same result, and a new result needs a new key",
            (await other.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString());
        Assert.Equal(1, await ResultsOnAsync(document));
    }

    [Fact]
    public async Task A_resultId_in_the_body_names_the_result_as_the_header_does_and_a_header_that_differs_from_it_is_400()
    {
        using var eve = server.As("eve");
        var document = (await QuietDocumentsAsync(1, skip: 2))[0];
        var id = Guid.NewGuid().ToString();
        var body = $$"""{"document":"{{document}}","outcome":"revenue-adjustment","amount":80,"currency":"EUR","resultId":"{{id}}"}""";

        using var first = await eve.SendAsync(Post(body, null), Token);
        using var byHeader = await eve.SendAsync(Post(body, id), Token);
        using var differing = await eve.SendAsync(Post(body, "another-key"), Token);
        using var spaced = await eve.SendAsync(Post($$"""{"document":"{{document}}","outcome":"no-find","resultId":"two words"}""", null), Token);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, byHeader.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, differing.StatusCode);
        Assert.Equal("resultId", (await differing.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, spaced.StatusCode);
        Assert.Equal("resultId", (await spaced.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("field").GetString());
        Assert.Equal(1, await ResultsOnAsync(document));
    }

    [Fact]
    public async Task Two_examine_decisions_fired_at_once_ten_times_leave_one_open_assignment_per_consignment_and_the_loser_gets_409()
    {
        using var tom = server.As("tom");
        using var eve = server.As("eve");
        var documents = await QuietDocumentsAsync(10, skip: 10);
        foreach (var document in documents)
        {
            var path = $"/api/v1/consignments/{Uri.EscapeDataString(document)}/decisions";
            var answers = await AtOnceAsync(tom,
                () => new HttpRequestMessage(HttpMethod.Post, path) { Content = ServerFixture.Json("""{"action":"examine","kind":"physical","comment":"officer one"}""") },
                () => new HttpRequestMessage(HttpMethod.Post, path) { Content = ServerFixture.Json("""{"action":"examine","kind":"scan","comment":"officer two"}""") });

            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.Status).Order());
            var conflict = JsonDocument.Parse(answers.Single(a => a.Status == HttpStatusCode.Conflict).Body).RootElement;
            Assert.StartsWith($"consignment {document} already has an open examination: assigned to eve on tom's decision at ", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Single(await server.UseStoreAsync(a => a.Store.Decisions.OfAsync(document, Token)));
        }
        var mine = await eve.GetFromJsonAsync<JsonElement>("/api/v1/examinations/mine", Token);
        foreach (var document in documents)
        {
            Assert.Single(mine.EnumerateArray(), a => a.GetProperty("document").GetString() == document && a.GetProperty("open").GetBoolean());
        }
    }
}
