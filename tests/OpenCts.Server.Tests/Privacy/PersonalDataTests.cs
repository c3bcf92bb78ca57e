using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenCts.Application.Privacy;

namespace OpenCts.Server.Tests.Privacy;

/// <summary>Roles without the need see parties masked; unmasking takes a reason and is audited; every read of consignments is audited per request.</summary>
[Collection(ServerCollection.Name)]
public sealed class PersonalDataTests(ServerFixture server)
{
    private const string Consignee = "DUTCH GADGET IMPORTS BV";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_examiner_sees_the_parties_masked_and_a_targeter_sees_them_and_both_reads_are_audited()
    {
        var document = await SubmitAsync(3_900_001);

        var masked = await PartiesAsync("eve", document);
        var plain = await PartiesAsync("tom", document);

        Assert.Contains(Consignee, plain);
        Assert.DoesNotContain(Consignee, masked);
        Assert.Contains(PersonalDataMask.Mask(Consignee), masked);
        var reads = await ReadsOfAsync(document);
        Assert.Contains(reads, e => e.Actor == "eve" && e.Outcome == "masked");
        Assert.Contains(reads, e => e.Actor == "tom" && e.Outcome == "unmasked");
    }

    [Fact]
    public async Task Unmasking_needs_a_reason_and_then_shows_the_parties_to_that_user_only_and_is_audited()
    {
        var document = await SubmitAsync(3_900_002);
        using var eve = server.As("eve");
        var path = $"/api/v1/consignments/{Uri.EscapeDataString(document)}/unmask";

        using var refused = await eve.PostAsync(path, ServerFixture.Json("""{"reason":"  "}"""), Token);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("reason", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.DoesNotContain(Consignee, await PartiesAsync("eve", document));

        using var granted = await eve.PostAsync(path, ServerFixture.Json("""{"reason":"case 2026/114: seal mismatch"}"""), Token);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        Assert.Contains(Consignee, await PartiesAsync("eve", document));
        Assert.DoesNotContain(Consignee, await PartiesAsync("aud", document));
        var audit = await AuditAsync();
        var grant = Assert.Single(audit, e => e.Action == Unmasking.Action && e.Target == "document=" + document);
        Assert.Equal("eve", grant.Actor);
        Assert.Contains("case 2026/114: seal mismatch", grant.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unmasking_a_consignment_that_does_not_exist_is_not_found()
    {
        using var eve = server.As("eve");
        using var response = await eve.PostAsync("/api/v1/consignments/AirWaybill:000-00000000/unmask", ServerFixture.Json("""{"reason":"curious"}"""), Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_worklist_request_is_audited_as_one_read_naming_every_consignment_it_returned()
    {
        var document = await SubmitAsync(3_900_003);
        using var ana = server.As("ana");
        var page = await ana.GetFromJsonAsync<JsonElement>($"/api/v1/consignments?q={Uri.EscapeDataString(document)}", Token);
        var returned = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("document").GetString()!).ToList();

        Assert.Equal([document], returned);
        var read = Assert.Single(await AuditAsync(), e => e.Actor == "ana" && e.Action == "read GET /api/v1/consignments" && e.Target == "document=" + document);
        Assert.Equal("masked", read.Outcome);
    }

    private async Task<string> SubmitAsync(int serial)
    {
        using var postnl = server.As("postnl");
        using var response = await postnl.PostAsync("/api/v1/messages", new ByteArrayContent(RedMessages.Waybill(serial, listed: false)), Token);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        var document = receipt.GetProperty("documents")[0].GetString()!;
        // Assessed by the server's own loop; the list API shows only assessed consignments.
        for (var i = 0; i < 100; i++)
        {
            using var tom = server.As("tom");
            using var detail = await tom.GetAsync($"/api/v1/consignments/{Uri.EscapeDataString(document)}", Token);
            // Requests no longer wait for the assessment loop, so the detail may come before the lane does (without the field).
            if (detail.IsSuccessStatusCode && (await detail.Content.ReadFromJsonAsync<JsonElement>(Token)).TryGetProperty("lane", out var lane) && lane.ValueKind == JsonValueKind.String)
            {
                return document;
            }
            await Task.Delay(100, Token);
        }
        throw new TimeoutException($"{document} was not assessed");
    }

    private async Task<string> PartiesAsync(string user, string document)
    {
        using var client = server.As(user);
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/consignments/{Uri.EscapeDataString(document)}", Token);
        return detail.GetProperty("versions").EnumerateArray().Last().GetProperty("consignment").GetProperty("parties").GetRawText();
    }

    private async Task<List<Entry>> ReadsOfAsync(string document) =>
        [.. (await AuditAsync()).Where(e => e.Action == "read GET /api/v1/consignments/{document}" && e.Target == "document=" + document)];

    private async Task<List<Entry>> AuditAsync()
    {
        using var aud = server.As("aud");
        return (await aud.GetFromJsonAsync<List<Entry>>("/api/v1/audit?limit=500", Token))!;
    }

    private sealed record Entry(string Actor, string Action, string Target, string Outcome, DateTimeOffset At);
}
