using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OpenCts.Server.Tests.Abuse;

/// <summary>Bodies built to exhaust the server: too large, nested too deep, an interchange of millions of segments. Each gets a clear 4xx and the server carries on.</summary>
[Collection(ServerCollection.Name)]
public sealed class HostileBodyTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_over_the_size_limit_is_413_and_the_next_message_is_still_taken()
    {
        using var postnl = server.As("postnl");
        var body = new byte[Messages.MessagesApi.MaxBodyBytes + 1];
        body.AsSpan().Fill((byte)'A');
        using var response = await postnl.PostAsync("/api/v1/messages", new ByteArrayContent(body), Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertStillServesAsync(3_400_001);
    }

    [Fact]
    public async Task A_json_request_over_the_api_limit_is_413_before_its_body_is_sent()
    {
        using var ana = server.As("ana");
        // Criteria of 64 MiB, announced with Expect: 100-continue: the server refuses from the length alone.
        var criteria = new string('x', 64 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/profiles/compile") { Content = ServerFixture.Json($$"""{"criteria":"{{criteria}}"}""") };
        request.Headers.ExpectContinue = true;
        using var response = await ana.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertStillServesAsync(3_400_002);
    }

    [Fact]
    public async Task A_json_request_just_over_the_api_limit_is_413_even_when_sent_whole()
    {
        using var ana = server.As("ana");
        var criteria = "mode == \"Sea\" // " + new string('x', (int)Common.RequestBodyLimits.MaxApiBodyBytes);
        using var response = await ana.PostAsync("/api/v1/profiles/compile", ServerFixture.Json(JsonSerializer.Serialize(new { criteria })), Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertStillServesAsync(3_400_007);
    }

    [Fact]
    public async Task A_json_request_nested_deeper_than_the_limit_is_400()
    {
        using var ana = server.As("ana");
        const int Depth = 100_000;
        var nested = new string('[', Depth) + new string(']', Depth);
        using var response = await ana.PostAsync("/api/v1/profiles/compile", ServerFixture.Json($$"""{"criteria":"mode == \"Sea\"","padding":{{nested}}}"""), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertStillServesAsync(3_400_003);
    }

    [Fact]
    public async Task A_json_message_nested_deeper_than_the_limit_is_422_naming_the_place()
    {
        using var postnl = server.As("postnl");
        const int Depth = 100_000;
        var body = """{"sender":"POSTNL","messageId":"DEEP-1","consignments":[""" + new string('[', Depth) + new string(']', Depth) + "]}";
        using var response = await postnl.PostAsync("/api/v1/messages", new StringContent(body, Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains("line 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertStillServesAsync(3_400_004);
    }

    [Fact]
    public async Task An_escape_that_is_no_character_is_400_in_a_request_and_422_naming_the_place_and_the_fault_in_a_message()
    {
        // "\ud800" alone is valid JSON but no text: System.Text.Json throws InvalidOperationException where it is read.
        using var ana = server.As("ana");
        using var request = await ana.PostAsync("/api/v1/profiles/compile", ServerFixture.Json("""{"criteria":"mode == \"\ud800\""}"""), Token);
        using var postnl = server.As("postnl");
        using var message = await postnl.PostAsync("/api/v1/messages", new StringContent("""{"sender":"POSTNL","\udc00messageId":"SURR-1","consignments":[]}""", Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, request.StatusCode);
        Assert.Equal("application/problem+json", request.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, message.StatusCode);
        var problem = await message.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains("line 1, column 1: a field's name holds an escape that is not a character (a lone UTF-16 surrogate)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertStillServesAsync(3_400_008);
    }

    [Fact]
    public async Task Criteria_nested_far_too_deep_are_a_compile_error_naming_the_depth()
    {
        using var ana = server.As("ana");
        const int Depth = 200_000;
        var criteria = new string('(', Depth) + "mode == \"Sea\"" + new string(')', Depth);
        using var response = await ana.PostAsync("/api/v1/profiles/compile", ServerFixture.Json(JsonSerializer.Serialize(new { criteria })), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.False(view.GetProperty("ok").GetBoolean());
        Assert.Contains("levels deep", view.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Criteria_with_a_duration_too_long_for_a_timespan_compile_instead_of_failing_the_server()
    {
        // Found by fuzzing the profile language: this answered 500 (an OverflowException in the binder).
        using var ana = server.As("ana");
        using var response = await ana.PostAsync("/api/v1/profiles/compile", ServerFixture.Json("""{"criteria":"departure > now() - 888888888888888d"}"""), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task An_edifact_interchange_of_a_million_segments_is_422_naming_the_limit_and_the_server_carries_on()
    {
        using var postnl = server.As("postnl");
        var interchange = new StringBuilder(16 * 1024 * 1024);
        interchange.Append("UNA:+.? 'UNB+UNOC:3+HUGE:ZZZ+NLRTM:ZZZ+261101:1200+1'UNH+1+CUSCAR:D:95B:UN'BGM+85+HUGE-1+9'");
        const int Segments = 1_100_000;
        for (var i = 0; i < Segments; i++)
        {
            interchange.Append("FTX+AAA+++X'");
        }
        interchange.Append("UNT+").Append(Segments + 3).Append("+1'UNZ+1+1'");
        var started = DateTime.UtcNow;
        using var response = await postnl.PostAsync("/api/v1/messages", new StringContent(interchange.ToString(), Encoding.ASCII, "text/plain"), Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains("segments", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), $"the interchange took {DateTime.UtcNow - started} to refuse");
        await AssertStillServesAsync(3_400_006);
    }

    /// <summary>The server answers its health check and still takes a good message.</summary>
    private async Task AssertStillServesAsync(int serial)
    {
        using var anonymous = server.Anonymous();
        Assert.Equal("ok\n", await anonymous.GetStringAsync("/healthz", Token));
        using var postnl = server.As("postnl");
        using var good = await postnl.PostAsync("/api/v1/messages", new ByteArrayContent(RedMessages.Waybill(serial, listed: false)), Token);
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
    }
}
