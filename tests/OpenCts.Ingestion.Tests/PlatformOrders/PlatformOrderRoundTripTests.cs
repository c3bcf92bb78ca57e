using System.Text;
using CsCheck;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.PlatformOrders;
using OpenCts.Ingestion.Tests.Edifact;
using OpenCts.Tests.Shared;

namespace OpenCts.Ingestion.Tests.PlatformOrders;

/// <summary>Properties of the reader and writer: reading what was written gives the same orders; no input makes the reader throw.</summary>
public class PlatformOrderRoundTripTests
{
    private static Gen<string> OneOf(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly Gen<string> Text = Gen.String[Gen.Char["abcXYZ019 ,.:;'\"\\/-+#éüŞ€中\t"], 1, 24]
        .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim());

    private static readonly Gen<CurrencyCode> Currency = OneOf("EUR", "USD", "CNY", "GBP", "JPY").Select(c => CurrencyCode.Parse(c));

    private static readonly Gen<decimal> Amount = Gen.Long[0, 10_000_000_000].Select(cents => cents / 100m);

    private static readonly Gen<Address> AddressGen =
        Gen.Select(Text.Null(), Text.Null(), Text.Null(), OneOf("NL", "CN", "HK", "TR", "US").Null())
            .Select((street, city, postcode, country) => new Address(street, city, postcode, country is null ? null : CountryCode.Parse(country)));

    private static Gen<Party> PartyGen(PartyRole role) =>
        Gen.Select(Text, AddressGen, Text.Null(), Gen.Select(Text, Text).Select((a, b) => $"{a}@{b}").Null(), Gen.Select(OneOf("EORI", "PLATFORM"), Text).Array[0, 2])
            .Select((name, address, phone, email, ids) => new Party(role, name, address, identifiers: new(ids.Select(i => new PartyIdentifier(i.Item1, i.Item2))), phone: phone, email: email?.Replace(" ", "", StringComparison.Ordinal) is { Length: > 2 } e && e.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < e.Length - 1 ? e : null));

    private static readonly Gen<PlatformOrder> OrderGen =
        Gen.Select(Text, Gen.Long[0, 1_000_000_000].Select(m => new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(m)), Gen.Int[-12, 14], PartyGen(PartyRole.Seller), PartyGen(PartyRole.Buyer), Currency)
            .SelectMany((number, date, offset, seller, buyer, currency) =>
                Gen.Select(
                    Gen.Select(Text, Gen.Int[1, 50], Amount, OneOf("851830", "61091000", "9503000010").Null(), Text.Null()).Array[1, 4],
                    Amount, Gen.Select(Gen.Bool, Amount).Select((given, amount) => given ? amount : (decimal?)null), Text)
                .Select((items, paid, shipping, tracking) => new PlatformOrder(
                    "ShopNova",
                    number,
                    date.ToOffset(TimeSpan.FromHours(offset)),
                    seller,
                    buyer,
                    new(items.Select(i => new PlatformOrderItem(i.Item1, i.Item2, new Money(i.Item3, currency), i.Item4 is null ? null : HsCode.Parse(i.Item4), i.Item5))),
                    new Money(paid, currency),
                    tracking,
                    shipping is { } s ? new Money(s, currency) : null)));

    [Fact]
    public void Reading_what_the_writer_wrote_gives_the_same_orders()
    {
        OrderGen.Array[1, 5].Sample(orders =>
        {
            using var stream = new MemoryStream();
            PlatformOrderWriter.Write(stream, "ShopNova", orders, indented: orders.Length % 2 == 0);

            var file = PlatformOrderReader.Read(stream.ToArray(), "round-trip.json");

            Assert.True(file.IsClean, string.Join("\n", file.Errors));
            Assert.Equal(orders.Length, file.Orders.Count);
            for (var i = 0; i < orders.Length; i++)
            {
                Assert.Equal(orders[i], file.Orders[i]);
                Assert.Equal(orders[i].OrderDate.Offset, file.Orders[i].OrderDate.Offset);
            }
        }, iter: 300);
    }

    [Fact]
    public void Mutated_files_never_make_the_reader_throw_and_every_error_has_a_line_column_and_path()
    {
        var seed = File.ReadAllBytes(Path.Combine(RepositoryData.RepositoryRoot, "samples", "platform-orders", "shopnova-example.json"));
        CuscarFuzzTests.MutatedWithLinesRepeated(seed, "{}[]\",:0.-9 \\ntruenull"u8.ToArray()).Sample(bytes =>
        {
            var file = PlatformOrderReader.Read(bytes, "fuzz.json");

            var lines = Encoding.UTF8.GetString(bytes).Split('\n').Length;
            Assert.All(file.Errors, e =>
            {
                Assert.InRange(e.Line, 1, lines);
                Assert.True(e.Column >= 1, e.ToString());
                Assert.StartsWith("$", e.Path, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            });
            var lost = file.Errors.Where(e => e.OrderIndex is not null).Select(e => e.OrderIndex).Distinct().Count();
            Assert.True(file.Orders.Count + lost <= file.OrdersInFile, $"{file.Orders.Count} orders kept and {lost} lost of {file.OrdersInFile}");
        }, iter: 1500, print: b => Encoding.Latin1.GetString(b));
    }
}
