using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OpenCts.Server.Tests.Abuse;

/// <summary>Cargo-XML that declares entities: an external entity naming a local file (XXE) and the billion laughs. Both are refused before any entity is read or expanded.</summary>
[Collection(ServerCollection.Name)]
public sealed class XmlEntityTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string WaybillWith(string doctype, string consignee, int serial)
    {
        var text = Encoding.UTF8.GetString(RedMessages.Waybill(serial, listed: false));
        var root = text.IndexOf("<rsm:Waybill", StringComparison.Ordinal);
        Assert.True(root > 0, "the sample waybill's root element moved");
        return string.Concat(text.AsSpan(0, root), doctype, "\n", text.AsSpan(root)).Replace("DUTCH GADGET IMPORTS BV", consignee, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_external_entity_naming_a_local_file_is_refused_and_the_file_is_never_read()
    {
        var secret = Path.Combine(server.Directory, "xxe-secret.txt");
        await File.WriteAllTextAsync(secret, "TOP-SECRET-XXE-CANARY", Token);
        var body = WaybillWith($"""<!DOCTYPE Waybill [ <!ENTITY leak SYSTEM "file://{secret}"> ]>""", "&leak;", 3_500_001);
        using var postnl = server.As("postnl");
        using var response = await postnl.PostAsync("/api/v1/messages", new StringContent(body, Encoding.UTF8, "application/xml"), Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("DTD", problem, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("TOP-SECRET-XXE-CANARY", problem, StringComparison.Ordinal);
        Assert.Null(await server.UseStoreAsync(a => a.Consignments.DetailAsync("MasterAirWaybill:" + RedMessages.Awb(3_500_001), Token)));
    }

    [Fact]
    public async Task The_billion_laughs_is_refused_at_once_without_expanding_an_entity()
    {
        var laughs = new StringBuilder("""<!DOCTYPE Waybill [ <!ENTITY lol0 "lol">""");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }
        laughs.Append(" ]>");
        var body = WaybillWith(laughs.ToString(), "&lol9;", 3_500_002);
        using var postnl = server.As("postnl");
        var started = DateTime.UtcNow;
        using var response = await postnl.PostAsync("/api/v1/messages", new StringContent(body, Encoding.UTF8, "application/xml"), Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), $"took {DateTime.UtcNow - started}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains("DTD", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("lollol", problem.GetRawText(), StringComparison.Ordinal);
        using var anonymous = server.Anonymous();
        Assert.Equal("ok\n", await anonymous.GetStringAsync("/healthz", Token));
    }
}
