using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenCts.Server.Tests.Commerce;

/// <summary>Uploading platform-order files: stored, partly bad, not JSON, and who may.</summary>
[Collection(ServerCollection.Name)]
public sealed class PlatformOrdersApiTests(ServerFixture server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Order(string number, string price) => $$"""
        {
          "orderNumber": "{{number}}",
          "orderDate": "2026-11-28T09:14:00Z",
          "seller": { "name": "Shenzhen Lotus Electronics Co., Ltd", "address": { "street": "No. 88 Bright Road", "city": "Shenzhen", "postcode": "518000", "country": "CN" } },
          "buyer": { "name": "Anna de Vries", "address": { "street": "Kerkstraat 12A", "city": "Utrecht", "postcode": "3511 AB", "country": "NL" }, "email": "anna.devries@gmail.com" },
          "items": [ { "description": "Wireless earbuds", "quantity": 1, "unitPrice": 89.00, "hs": "851830" } ],
          "pricePaid": {{price}},
          "currency": "EUR",
          "trackingNumber": "LX{{number[^6..]}}5CN"
        }
        """;

    private static string File(params string[] orders) => $$"""{ "platform": "ShopNova", "orders": [ {{string.Join(",\n", orders)}} ] }""";

    private static string Unique() => Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_file_of_good_orders_is_stored_and_sent_again_is_kept_once()
    {
        using var postnl = server.As("postnl");
        var file = File(Order("SN-T-" + Unique(), "94.50"), Order("SN-T-" + Unique(), "12.00"));
        using var first = await postnl.PostAsync("/api/v1/platform-orders", ServerFixture.Json(file), Token);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var receipt = await first.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("ShopNova", receipt.GetProperty("platform").GetString());
        Assert.Equal(2, receipt.GetProperty("accepted").GetInt32());
        Assert.Equal(2, receipt.GetProperty("stored").GetInt32());

        using var again = await postnl.PostAsync("/api/v1/platform-orders", ServerFixture.Json(file), Token);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("stored").GetInt32());
    }

    [Fact]
    public async Task A_file_with_a_bad_order_is_422_naming_its_path_line_and_column_and_the_good_order_is_stored()
    {
        using var postnl = server.As("postnl");
        using var response = await postnl.PostAsync("/api/v1/platform-orders", ServerFixture.Json(File(Order("SN-T-" + Unique(), "94.50"), Order("SN-T-" + Unique(), "\"lots\""))), Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(2, receipt.GetProperty("inFile").GetInt32());
        Assert.Equal(1, receipt.GetProperty("stored").GetInt32());
        var error = receipt.GetProperty("errors")[0];
        Assert.Equal("$.orders[1].pricePaid", error.GetProperty("path").GetString());
        Assert.True(error.GetProperty("line").GetInt32() > 10);
        Assert.True(error.GetProperty("column").GetInt32() > 1);
        Assert.Equal(1, error.GetProperty("order").GetInt32());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400_with_its_line_and_column()
    {
        using var postnl = server.As("postnl");
        using var response = await postnl.PostAsync("/api/v1/platform-orders", ServerFixture.Json("{ \"platform\": \"ShopNova\",\n  orders: [] }"), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_may_not_upload_platform_orders()
    {
        using var tom = server.As("tom");
        using var response = await tom.PostAsync("/api/v1/platform-orders", ServerFixture.Json(File()), Token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
