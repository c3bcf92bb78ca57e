using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenCts.Storage.Audit;

namespace OpenCts.Server.Tests;

[Collection(ServerCollection.Name)]
public sealed class MessageFlowTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ByteArrayContent Body(byte[] bytes) => new(bytes);

    [Fact]
    public async Task ASubmittedMessageIsStoredAndItsStatusReadBackBySubmitterOnly()
    {
        using var postnl = server.As("postnl");
        using var dhl = server.As("dhl");
        var response = await postnl.PostAsync("/api/v1/messages", Body(File.ReadAllBytes(ServerFixture.Sample("messages", "cargo-xml-xfwb.xml"))), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = receipt.GetProperty("id").GetInt64();
        Assert.Contains(receipt.GetProperty("status").GetString(), new[] { "accepted", "accepted-with-findings", "accepted-with-warnings" });
        Assert.EndsWith(":160-12345675", receipt.GetProperty("documents")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal($"/api/v1/messages/{id}", response.Headers.Location?.OriginalString);

        var status = await postnl.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}", Token);
        Assert.Equal("postnl", status.GetProperty("sender").GetString());
        // A submitter is not told the lane of its own consignments.
        Assert.False(status.GetProperty("documents")[0].TryGetProperty("lane", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await dhl.GetAsync($"/api/v1/messages/{id}", Token)).StatusCode);
    }

    [Fact]
    public async Task EachPostedMessageIsAuditedOnceWithTheStatusItWasAnsweredWhetherStoredDuplicateUnreadableOrSeveral()
    {
        using var postnl = server.As("postnl");
        async Task<IReadOnlyList<string>> OutcomesOfAsync(Func<Task<HttpResponseMessage>> post)
        {
            var newest = (await server.UseStoreAsync(a => a.Audit.LatestAsync(1, Token))).FirstOrDefault();
            using var response = await post();
            // The middleware's own entry may commit a moment after the client has the answer.
            List<AuditEntry> added;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            do
            {
                var after = await server.UseStoreAsync(a => a.Audit.LatestAsync(100, Token));
                added = [.. after.TakeWhile(e => e != newest).Where(e => e.Action == "POST /api/v1/messages/")];
            }
            while (added.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(10));
            Assert.All(added, e => Assert.Equal("postnl", e.Actor));
            Assert.All(added, e => Assert.Equal(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Outcome));
            return [.. added.Select(e => e.Outcome)];
        }

        var waybill = RedMessages.Waybill(3_300_001, listed: false);
        // One message: its entry is written with it, in one commit; the middleware adds none.
        Assert.Equal(["201"], await OutcomesOfAsync(() => postnl.PostAsync("/api/v1/messages", Body(waybill), Token)));
        Assert.Equal(["201"], await OutcomesOfAsync(() => postnl.PostAsync("/api/v1/messages", Body(waybill), Token)));
        Assert.Equal(["422"], await OutcomesOfAsync(() => postnl.PostAsync("/api/v1/messages", Body("<not a message"u8.ToArray()), Token)));
        // An interchange of two messages is audited by the middleware, once.
        Assert.Equal(["201"], await OutcomesOfAsync(() => postnl.PostAsync("/api/v1/messages", Body(File.ReadAllBytes(ServerFixture.Sample("messages", "cuscar-d95b-1-import-rotterdam.edi"))), Token)));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task AMessageIsRecognisedByContentWhateverItsContentType(string contentType)
    {
        using var postnl = server.As("postnl");
        var content = Body(RedMessages.Waybill(3_100_000 + contentType.Length, listed: false));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        var response = await postnl.PostAsync("/api/v1/messages", content, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task TheSameSenderAndMessageIdTwiceIsADuplicateThatStoresNothingMore()
    {
        using var postnl = server.As("postnl");
        var body = RedMessages.Waybill(3_000_001, listed: false);
        var first = await (await postnl.PostAsync("/api/v1/messages", Body(body), Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var before = await server.UseStoreAsync(a => a.Store.Messages.CountsAsync(Token));
        var again = await postnl.PostAsync("/api/v1/messages", Body(body), Token);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var second = await again.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("duplicate", second.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64());
        Assert.Equal(before, await server.UseStoreAsync(a => a.Store.Messages.CountsAsync(Token)));
    }

    [Fact]
    public async Task AnUnreadableBodyIs422WithEveryErrorsPlace()
    {
        using var postnl = server.As("postnl");
        var response = await postnl.PostAsync("/api/v1/messages", Body("<rsm:Waybill xmlns:rsm=\"iata:waybill:1\"><broken"u8.ToArray()), Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.GetArrayLength() > 0);
        Assert.All(errors.EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("place").GetString())));
    }

    [Fact]
    public async Task ARedMessageRaisesAnAlertAndTheSubmitterReadsTheReferralBack()
    {
        using var postnl = server.As("postnl");
        using var tom = server.As("tom");
        await using var alerts = await AlertStream.OpenAsync(server.As("tom"), Token);
        Assert.Equal("text/event-stream", alerts.Response.Content.Headers.ContentType?.MediaType);

        var response = await postnl.PostAsync("/api/v1/messages", Body(RedMessages.Waybill(3_000_002)), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        var document = receipt.GetProperty("documents")[0].GetString()!;

        var (raw, alert) = await alerts.NextForAsync(document, TimeSpan.FromSeconds(30));
        Assert.StartsWith("event: alert\ndata: {", raw, StringComparison.Ordinal);
        Assert.EndsWith("}\n\n", raw, StringComparison.Ordinal);
        Assert.Equal("red", alert.GetProperty("lane").GetString());
        Assert.Contains(alert.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("kind").GetString() == "watchlist");

        var detail = await tom.GetFromJsonAsync<JsonElement>($"/api/v1/consignments/{Uri.EscapeDataString(document)}", Token);
        Assert.Equal("red", detail.GetProperty("lane").GetString());
        Assert.NotEmpty(detail.GetProperty("reasons").EnumerateArray());

        var decided = await tom.PostAsync($"/api/v1/consignments/{Uri.EscapeDataString(document)}/decisions", ServerFixture.Json("""{"action":"request-information","comment":"invoice and end-user statement"}"""), Token);
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);

        var status = await postnl.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{receipt.GetProperty("id").GetInt64()}", Token);
        var referral = status.GetProperty("documents")[0].GetProperty("decisions")[0];
        Assert.Equal("request-information", referral.GetProperty("action").GetString());
        // The officer's comment stays inside customs.
        Assert.False(referral.TryGetProperty("comment", out _));

        var audit = await server.UseStoreAsync(a => a.Audit.LatestAsync(20, Token));
        Assert.Contains(audit, e => e.Actor == "tom" && e.Action == "POST /api/v1/consignments/{document}/decisions" && e.Target.Contains(document, StringComparison.Ordinal) && e.Outcome == "201");
    }

    [Fact]
    public async Task AnExaminationResultCountsInTheProfileReport()
    {
        using var postnl = server.As("postnl");
        using var eve = server.As("eve");
        using var sue = server.As("sue");
        var receipt = await (await postnl.PostAsync("/api/v1/messages", Body(RedMessages.Waybill(3_000_003)), Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var document = receipt.GetProperty("documents")[0].GetString()!;
        var response = await eve.PostAsync("/api/v1/examinations", ServerFixture.Json($$"""{"document":"{{document}}","outcome":"seizure","amount":1250.50,"currency":"EUR","quantity":12,"comment":"controlled electronics"}"""), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("seizure", result.GetProperty("outcome").GetString());
        Assert.Equal("irregular", result.GetProperty("result").GetString());

        var report = await sue.GetFromJsonAsync<JsonElement>("/api/v1/reports/profiles", Token);
        Assert.True(report.GetArrayLength() > 0);
        Assert.All(report.EnumerateArray(), r => Assert.True(r.GetProperty("hits").GetInt32() >= r.GetProperty("examined").GetInt32()));
    }
}
