using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OpenCts.Server.Tests.Abuse;

/// <summary>SQL and script injection: in every search and filter parameter of the API and the worklist, and in party names the pages show (stored XSS).</summary>
[Collection(ServerCollection.Name)]
public sealed class InjectionTests(ServerFixture server)
{
    private const string Sql = "' OR 1=1 --";
    private const string Script = "<script>alert(1)</script>";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Q(string text) => Uri.EscapeDataString(text);

    [Theory]
    [InlineData("/api/v1/consignments?q={0}")]
    [InlineData("/api/v1/consignments?q={0}&lane=red")]
    [InlineData("/api/v1/watchlists/entries?q={0}")]
    [InlineData("/api/v1/watchlists/entries?list={0}")]
    public async Task A_search_for_an_sql_injection_finds_nothing(string url)
    {
        var before = await TotalAsync();
        foreach (var attack in new[] { Sql, "\" OR \"\"=\"", "%", "_", "*", "'; DROP TABLE messages; --" })
        {
            using var aud = server.As("aud");
            var page = await aud.GetFromJsonAsync<JsonElement>(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, Q(attack)), Token);
            Assert.Equal(0, page.GetProperty("total").GetInt32());
            Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        }
        Assert.True(await TotalAsync() >= before);
    }

    [Theory]
    [InlineData("/api/v1/consignments?lane={0}", "lane")]
    [InlineData("/api/v1/consignments?sort={0}", "sort")]
    [InlineData("/api/v1/consignments?page={0}", "page")]
    [InlineData("/api/v1/consignments?pageSize={0}", "pageSize")]
    [InlineData("/api/v1/profiles?status={0}", "status")]
    [InlineData("/api/v1/watchlists/entries?page={0}", "page")]
    [InlineData("/api/v1/audit?limit={0}", "limit")]
    [InlineData("/api/v1/profiles/NARC-001/backtest?from={0}", "from")]
    public async Task An_sql_injection_in_a_coded_parameter_is_400(string url, string parameter)
    {
        var user = url.Contains("audit", StringComparison.Ordinal) ? "root" : url.Contains("backtest", StringComparison.Ordinal) ? "sue" : "aud";
        using var client = server.As(user);
        var target = string.Format(System.Globalization.CultureInfo.InvariantCulture, url, Q(Sql));
        using var response = target.Contains("backtest", StringComparison.Ordinal) ? await client.PostAsync(target, null, Token) : await client.GetAsync(target, Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(parameter, await response.Content.ReadAsStringAsync(Token), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/v1/consignments/{0}")]
    [InlineData("/api/v1/profiles/{0}")]
    [InlineData("/api/v1/reports/profiles/{0}")]
    public async Task An_sql_injection_as_a_path_key_is_404(string url)
    {
        using var aud = server.As("aud");
        using var response = await aud.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, Q(Sql)), Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_party_named_with_a_script_and_sql_is_stored_as_text_and_shown_encoded_on_the_worklist_and_the_detail_page()
    {
        var before = await TotalAsync();
        const int Serial = 3_700_001;
        var name = Script + " " + Sql;
        var xml = Encoding.UTF8.GetString(RedMessages.Waybill(Serial, listed: true))
            .Replace("PEARL RIVER DIGITAL LTD", System.Security.SecurityElement.Escape(name), StringComparison.Ordinal);
        using var postnl = server.As("postnl");
        using (var received = await postnl.PostAsync("/api/v1/messages", new StringContent(xml, Encoding.UTF8, "application/xml"), Token))
        {
            Assert.Equal(HttpStatusCode.Created, received.StatusCode);
        }
        var key = "MasterAirWaybill:" + RedMessages.Awb(Serial);
        for (var i = 0; i < 300 && (await server.UseStoreAsync(a => a.Consignments.DetailAsync(key, Token)))?.Current is null; i++)
        {
            await Task.Delay(100, Token);
        }
        using var tom = await SignedInTargeterAsync();
        var worklist = await tom.GetStringAsync($"/worklist?q={Q(RedMessages.Awb(Serial))}", Token);
        Assert.Contains(RedMessages.Awb(Serial), worklist, StringComparison.Ordinal);
        var detail = await tom.GetStringAsync("/consignments/" + Uri.EscapeDataString(key), Token);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", detail, StringComparison.Ordinal);
        foreach (var page in new[] { worklist, detail })
        {
            Assert.DoesNotContain(Script, page, StringComparison.Ordinal);
        }
        // The API gives the name back exactly as sent, as JSON text, to a supervisor (auditors see names masked).
        using var sue = server.As("sue");
        var view = await sue.GetFromJsonAsync<JsonElement>("/api/v1/consignments/" + Uri.EscapeDataString(key), Token);
        Assert.Contains(name, view.GetRawText().Replace("\\u003C", "<", StringComparison.Ordinal).Replace("\\u003E", ">", StringComparison.Ordinal).Replace("\\u0027", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(await TotalAsync() > before);
    }

    [Fact]
    public async Task The_worklist_filters_take_an_injection_as_text_and_show_no_row()
    {
        using var tom = await SignedInTargeterAsync();
        foreach (var parameter in new[] { "q", "port", "category" })
        {
            using var response = await tom.GetAsync($"/worklist?yellow=true&{parameter}={Q(Sql + Script)}", Token);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{parameter}: {response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync(Token);
            Assert.DoesNotContain("<tr data-document", html, StringComparison.Ordinal);
            Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
        }
    }

    private async Task<HttpClient> SignedInTargeterAsync()
    {
        var name = "tgt-" + Guid.NewGuid().ToString("N")[..8];
        var password = (await server.UseStoreAsync(a => a.Users.AddAsync(name, "targeter", apiKey: false, "test", Token))).Secret;
        var browser = server.WithCookies();
        using var signedIn = await browser.PostAsync("/api/v1/session", ServerFixture.Json(JsonSerializer.Serialize(new { name, password })), Token);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return browser;
    }

    /// <summary>How many consignments are assessed: no injected statement may drop or empty a table.</summary>
    private async Task<int> TotalAsync()
    {
        using var aud = server.As("aud");
        var page = await aud.GetFromJsonAsync<JsonElement>("/api/v1/consignments?pageSize=1", Token);
        return page.GetProperty("total").GetInt32();
    }
}
