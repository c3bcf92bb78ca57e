using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.PlatformOrders;
using OpenCts.Tests.Shared;

namespace OpenCts.Ingestion.Tests.PlatformOrders;

/// <summary>Reading platform order files: good files, and the place and text of each kind of fault.</summary>
public class PlatformOrderReaderTests
{
    /// <summary>One good order, with a hole <c>%FIELDS%</c> where a test adds or replaces fields.</summary>
    private const string OrderTemplate = """
        {
          "orderNumber": "SN-1",
          "orderDate": "2026-11-28T09:14:00Z",
          "seller": { "name": "Lotus Electronics Co., Ltd", "address": { "city": "Shenzhen", "country": "CN" } },
          "buyer": { "name": "Anna de Vries", "address": { "street": "Kerkstraat 12A", "city": "Utrecht", "postcode": "3511 AB", "country": "NL" }, "email": "anna@example.nl" },
          "items": [ { "description": "Wireless earbuds", "quantity": 1, "unitPrice": 89.00, "hs": "851830" } ],
          "pricePaid": 94.50,
          "currency": "EUR",
          "trackingNumber": "LX123456785CN"%FIELDS%
        }
        """;

    private static PlatformOrderFile Read(string json) => PlatformOrderReader.Read(Encoding.UTF8.GetBytes(json), "orders.json");

    private static string File(params string[] orders) => $$"""{ "platform": "ShopNova", "orders": [{{string.Join(",\n", orders)}}] }""";

    private static string Order(string fields = "") => OrderTemplate.Replace("%FIELDS%", fields, StringComparison.Ordinal);

    private static string OrderWith(string field, string json) =>
        System.Text.RegularExpressions.Regex.Replace(Order(), $"^  \"{field}\": .*?(,?)$", m => $"  \"{field}\": {json}{m.Groups[1].Value}", System.Text.RegularExpressions.RegexOptions.Multiline);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_read_from_a_stream_reads_as_its_bytes_do_whether_the_stream_knows_its_length_or_not(bool seekable)
    {
        // Long enough that a stream of unknown length is read in several growing arrays.
        var orders = Enumerable.Range(1, 600).Select(i => Order().Replace("SN-1", $"SN-{i}", StringComparison.Ordinal).Replace("LX123456785CN", $"LX{i:000000000}CN", StringComparison.Ordinal));
        var bytes = Encoding.UTF8.GetBytes(File([.. orders]));
        Assert.True(bytes.Length > 256 * 1024);

        using var stream = seekable ? (Stream)new MemoryStream(bytes, writable: false) : new OneWayStream(bytes);
        var read = PlatformOrderReader.Read(stream, "orders.json");

        var expected = PlatformOrderReader.Read(bytes, "orders.json");
        Assert.True(read.IsClean, string.Join("; ", read.Errors));
        Assert.Equal(600, read.Orders.Count);
        Assert.Equal(expected.Orders.Select(o => (o.OrderNumber, o.TrackingNumber, o.PricePaid)), read.Orders.Select(o => (o.OrderNumber, o.TrackingNumber, o.PricePaid)));
    }

    /// <summary>A stream that reads forward only, a few kilobytes a call, as a request body does.</summary>
    private sealed class OneWayStream(byte[] bytes) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 5_000), bytes.Length - _at);
            bytes.AsSpan(_at, n).CopyTo(buffer.AsSpan(offset));
            _at += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void The_sample_file_reads_into_three_orders_with_their_parties_items_and_amounts()
    {
        var bytes = System.IO.File.ReadAllBytes(Path.Combine(RepositoryData.RepositoryRoot, "samples", "platform-orders", "shopnova-example.json"));

        var file = PlatformOrderReader.Read(bytes, "shopnova-example.json");

        Assert.True(file.IsClean, string.Join("\n", file.Errors));
        Assert.Equal("ShopNova", file.Platform);
        Assert.Equal(3, file.Orders.Count);
        var first = file.Orders[0];
        Assert.Equal("SN-2026-000101", first.OrderNumber);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 14, 0, TimeSpan.Zero), first.OrderDate);
        Assert.Equal(PartyRole.Seller, first.Seller.Role);
        Assert.Equal(PartyRole.Buyer, first.Buyer.Role);
        Assert.Equal("CN", first.Seller.Country?.Value);
        Assert.Equal("S000101", first.Seller.IdentifierOf("PLATFORM"));
        Assert.Equal("3511 AB", first.Buyer.Address?.Postcode);
        Assert.Equal(new Money(94.50m, CurrencyCode.Parse("EUR")), first.PricePaid);
        Assert.Equal(new Money(5.50m, CurrencyCode.Parse("EUR")), first.ShippingCost);
        Assert.Equal("851830", first.Items[0].HsCode?.Value);
        Assert.Equal("LX123456785CN", first.TrackingNumber);
        var second = file.Orders[1];
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), second.OrderDate);
        Assert.Equal("Kairo", second.Items[0].Brand);
        Assert.Equal(25.00m, second.Items[1].LineAmount);
        Assert.Null(second.ShippingCost);
        Assert.Equal("USD", file.Orders[2].Currency.Value);
        Assert.Equal(TimeSpan.FromHours(8), file.Orders[2].OrderDate.Offset);
    }

    [Fact]
    public void A_stream_reads_the_same_as_its_bytes()
    {
        var json = File(Order(), Order().Replace("SN-1", "SN-2", StringComparison.Ordinal));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var file = PlatformOrderReader.Read(stream, "orders.json");

        Assert.Equal(["SN-1", "SN-2"], file.Orders.Select(o => o.OrderNumber));
        Assert.Equal(2, file.OrdersInFile);
    }

    [Fact]
    public void One_bad_order_is_left_out_with_its_place_and_the_others_are_kept()
    {
        var json = File(Order(), OrderWith("pricePaid", "\"94.50\"").Replace("SN-1", "SN-2", StringComparison.Ordinal), Order().Replace("SN-1", "SN-3", StringComparison.Ordinal));

        var file = Read(json);

        Assert.Equal(["SN-1", "SN-3"], file.Orders.Select(o => o.OrderNumber));
        var error = Assert.Single(file.Errors);
        Assert.Equal("$.orders[1].pricePaid", error.Path);
        Assert.Equal(1, error.OrderIndex);
        Assert.Equal("expected an amount as a JSON number, such as 12.50, found a string", error.Message);
        var line = json.Split('\n')[error.Line - 1];
        Assert.Equal("\"94.50\"", line.Substring(error.Column - 1, 7));
        Assert.Equal($"orders.json: line {error.Line}, column {error.Column}, $.orders[1].pricePaid: expected an amount as a JSON number, such as 12.50, found a string", error.ToString());
    }

    [Fact]
    public void A_text_whose_escape_is_a_lone_surrogate_refuses_the_file_at_its_line_and_column()
    {
        // Found by looking for the twins of a fault the fuzzer found: reading \ud800 threw InvalidOperationException.
        var json = File(Order()).Replace("SN-1", "\\ud800SN-1", StringComparison.Ordinal);

        var file = Read(json);

        Assert.Empty(file.Orders);
        var error = Assert.Single(file.Errors);
        Assert.Equal("a text holds an escape that is not a character (a lone UTF-16 surrogate)", error.Message);
        var line = json.Split('\n')[error.Line - 1];
        Assert.StartsWith("\"\\ud800SN-1\"", line[(error.Column - 1)..], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pricePaid", "-3", "$.orders[0].pricePaid", "-3 must not be negative")]
    [InlineData("currency", "\"EURO\"", "$.orders[0].currency", "currency 'EURO' is not an ISO 4217 code")]
    [InlineData("orderDate", "\"28/11/2026\"", "$.orders[0].orderDate", "'28/11/2026' is not an ISO 8601 date or date and time, such as 2026-11-03 or 2026-11-03T14:05:00Z")]
    [InlineData("orderNumber", "\"  \"", "$.orders[0].orderNumber", "is required and must not be blank")]
    [InlineData("orderNumber", "12", "$.orders[0].orderNumber", "expected a string, found a number")]
    [InlineData("trackingNumber", "null", "$.orders[0].trackingNumber", "expected a string, found null")]
    [InlineData("items", "[]", "$.orders[0].items", "an order needs at least one item")]
    [InlineData("items", "{}", "$.orders[0].items", "expected an array of items, found an object")]
    [InlineData("items", "[ { \"description\": \"Earbuds\", \"quantity\": 0, \"unitPrice\": 5 } ]", "$.orders[0].items[0].quantity", "must be a whole number of units, 1 or more")]
    [InlineData("items", "[ { \"description\": \"Earbuds\", \"quantity\": 1.5, \"unitPrice\": 5 } ]", "$.orders[0].items[0].quantity", "must be a whole number of units, 1 or more")]
    [InlineData("items", "[ { \"description\": \"Earbuds\", \"quantity\": 1 } ]", "$.orders[0].items[0].unitPrice", "is required")]
    [InlineData("items", "[ { \"description\": \"Earbuds\", \"quantity\": 1, \"unitPrice\": 5, \"hs\": \"85\" } ]", "$.orders[0].items[0].hs", "HS code '85' must have 6 to 10 digits")]
    [InlineData("items", "[ { \"description\": \"Earbuds\", \"quantity\": 1, \"unitPrice\": 5, \"colour\": \"red\" } ]", "$.orders[0].items[0].colour", "is not a field of an item; expected description, quantity, unitPrice, hs, brand")]
    [InlineData("seller", "\"Lotus\"", "$.orders[0].seller", "expected a party object with name, address, email, phone, identifiers, found a string")]
    [InlineData("seller", "{ \"address\": { \"city\": \"Shenzhen\" } }", "$.orders[0].seller.name", "is required")]
    [InlineData("seller", "{ \"name\": \"Lotus\", \"address\": { \"country\": \"XX\" } }", "$.orders[0].seller.address.country", "country 'XX' is not an ISO 3166-1 alpha-2 code")]
    [InlineData("buyer", "{ \"name\": \"Anna\", \"email\": \"anna.example.nl\" }", "$.orders[0].buyer.email", "'anna.example.nl' is not an e-mail address")]
    [InlineData("buyer", "{ \"name\": \"Anna\", \"identifiers\": [ { \"scheme\": \"EORI\" } ] }", "$.orders[0].buyer.identifiers[0]", "an identifier needs a scheme and a value")]
    public void Each_kind_of_bad_field_is_named_by_its_path_with_what_was_expected(string field, string value, string path, string message)
    {
        var file = Read(File(OrderWith(field, value)));

        Assert.Empty(file.Orders);
        var error = Assert.Single(file.Errors);
        Assert.Equal((path, message), (error.Path, error.Message));
        Assert.True(error.Line > 1, error.ToString());
    }

    [Fact]
    public void A_missing_required_field_is_named_at_the_start_of_its_order()
    {
        var order = Order().Replace("  \"currency\": \"EUR\",\n", "", StringComparison.Ordinal);
        var json = File(order);

        var error = Assert.Single(Read(json).Errors);

        Assert.Equal(("$.orders[0].currency", "is required"), (error.Path, error.Message));
        Assert.Equal('{', json.Split('\n')[error.Line - 1][error.Column - 1]);
    }

    [Fact]
    public void An_unknown_order_field_is_an_error_so_that_a_misspelt_field_is_not_dropped_silently()
    {
        var error = Assert.Single(Read(File(Order(",\n  \"pricepaid\": 3"))).Errors);

        Assert.Equal("$.orders[0].pricepaid", error.Path);
        Assert.StartsWith("is not a field of an order; expected orderNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_given_twice_is_an_error_rather_than_the_last_value_silently_winning()
    {
        var error = Assert.Single(Read(File(Order(",\n  \"pricePaid\": 9.45"))).Errors);

        Assert.Equal(("$.orders[0].pricePaid", "appears twice in the order"), (error.Path, error.Message));
    }

    [Fact]
    public void A_shipping_cost_is_read_in_the_orders_currency()
    {
        var file = Read(File(Order(",\n  \"shippingCost\": 4.5")));

        Assert.Equal(new Money(4.5m, CurrencyCode.Parse("EUR")), Assert.Single(file.Orders).ShippingCost);
    }

    [Fact]
    public void A_file_that_is_not_json_is_one_error_at_its_first_character()
    {
        var file = Read("orderNumber,pricePaid\nSN-1,94.50\n");

        Assert.Empty(file.Orders);
        var error = Assert.Single(file.Errors);
        Assert.Equal(("$", 1, 1), (error.Path, error.Line, error.Column));
        Assert.StartsWith("the file is not valid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_value_that_is_not_an_object_is_one_error()
    {
        var error = Assert.Single(Read("[1, 2]").Errors);

        Assert.Equal("orders.json: line 1, column 1, $: expected a JSON object with \"platform\" and \"orders\", found an array", error.ToString());
    }

    [Fact]
    public void An_empty_file_is_one_error()
    {
        var error = Assert.Single(Read("  \n").Errors);

        Assert.Equal("$", error.Path);
        Assert.StartsWith("the file is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_one_error_at_their_place()
    {
        var bytes = Encoding.UTF8.GetBytes(File(Order())).ToList();
        var at = bytes.IndexOf((byte)'A');
        bytes[at] = 0xC4;
        bytes[at + 1] = (byte)'x';

        var file = PlatformOrderReader.Read(bytes.ToArray(), "latin1.json");

        Assert.Empty(file.Orders);
        Assert.Equal("byte 0xC4 is not UTF-8; platform order files are UTF-8 JSON", Assert.Single(file.Errors).Message);
    }

    [Fact]
    public void A_truncated_file_keeps_the_orders_before_the_break_and_names_the_break()
    {
        var json = File(Order(), Order().Replace("SN-1", "SN-2", StringComparison.Ordinal));
        var truncated = json[..(json.LastIndexOf("\"pricePaid\"", StringComparison.Ordinal) + 5)];

        var file = Read(truncated);

        Assert.Equal(["SN-1"], file.Orders.Select(o => o.OrderNumber));
        var error = Assert.Single(file.Errors);
        Assert.Equal("$", error.Path);
        Assert.StartsWith("the file is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(truncated.Split('\n').Length, error.Line);
    }

    [Fact]
    public void A_file_without_a_platform_keeps_no_orders()
    {
        var file = Read("""{ "orders": [ """ + Order() + "] }");

        Assert.Empty(file.Orders);
        Assert.Equal(("$.platform", "is required: the platform that shared the orders"), (Assert.Single(file.Errors).Path, file.Errors[0].Message));
    }

    [Fact]
    public void An_order_that_is_not_an_object_is_named_by_its_index()
    {
        var file = Read(File(Order(), "42", Order().Replace("SN-1", "SN-3", StringComparison.Ordinal)));

        Assert.Equal(2, file.Orders.Count);
        Assert.Equal(3, file.OrdersInFile);
        Assert.Equal(("$.orders[1]", "expected an order object, found a number"), (Assert.Single(file.Errors).Path, file.Errors[0].Message));
    }

    [Fact]
    public void Text_after_the_file_object_is_a_syntax_error()
    {
        var file = Read(File(Order()) + " {}");

        Assert.Contains(file.Errors, e => e.Path == "$" && e.Message.StartsWith("the file is not valid JSON", StringComparison.Ordinal));
    }
}
