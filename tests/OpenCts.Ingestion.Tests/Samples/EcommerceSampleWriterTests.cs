using System.Globalization;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.PlatformOrders;
using OpenCts.Ingestion.Samples.Ecommerce;

namespace OpenCts.Ingestion.Tests.Ecommerce;

/// <summary>The written e-commerce folder: messages the JSON format reads, order files the order reader reads, and ground truth that agrees with both.</summary>
public sealed class EcommerceSampleWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cts-ecom-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A CSV of the writer's, as rows of fields (quoted fields may hold commas and doubled quotes).</summary>
    private static List<string[]> Csv(string path)
    {
        var rows = new List<string[]>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }
        return rows;
    }

    [Fact]
    public void The_ground_truth_agrees_with_the_messages_and_orders_written()
    {
        var generator = new EcommerceGenerator(9, new EcommerceOptions(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));

        var summary = EcommerceSampleWriter.Write(_folder, generator.Generate(1200), seed: 9);

        var consignments = new Dictionary<string, Consignment>(StringComparer.Ordinal);
        var messageFiles = Directory.GetFiles(Path.Combine(_folder, "consignments"), "*.json");
        Assert.Equal(summary.Messages, messageFiles.Length);
        foreach (var file in messageFiles)
        {
            var message = Assert.Single(new JsonMessageFormat().Parse(Path.GetFileName(file), File.ReadAllBytes(file), DateTimeOffset.UnixEpoch, TestContext.Current.CancellationToken));
            Assert.Empty(message.Issues);
            Assert.InRange(message.Consignments.Count, 1, 50);
            Assert.All(message.Consignments, c => Assert.Equal(message.Sender, c.Carrier!.Code));
            foreach (var c in message.Consignments)
            {
                consignments.Add(c.Document.Key, c);
                Assert.Empty(c.DataQuality);
            }
        }
        Assert.Equal(1200, consignments.Count);

        var parcels = Csv(Path.Combine(_folder, EcommerceSampleWriter.ParcelsTruthFile));
        Assert.Equal(1200, parcels.Count);
        Assert.Equal(summary.RingParcels, parcels.Count(p => p[5].Length > 0));
        foreach (var p in parcels)
        {
            var c = consignments[p[0]];
            Assert.Equal(c.Document.Number, p[1]);
            var declared = c.Goods.Sum(g => Math.Round(g.Value!.Value.Amount * EcommerceGenerator.EurPerUnit(g.Value.Value.Currency), 2));
            Assert.Equal(declared, decimal.Parse(p[6], CultureInfo.InvariantCulture));
            if (p[5].Length > 0)
            {
                Assert.True(declared < EcommerceGenerator.DeMinimisEur, p[0]);
            }
        }

        var lines = Csv(Path.Combine(_folder, EcommerceSampleWriter.LinesTruthFile));
        Assert.Equal(consignments.Values.Sum(c => c.Goods.Count), lines.Count);
        Assert.Equal(summary.PlantedLines, lines.Count(l => l[8..12].Contains("1")));
        foreach (var l in lines)
        {
            var item = consignments[l[0]].Goods[int.Parse(l[1], CultureInfo.InvariantCulture) - 1];
            Assert.Equal((item.HsCode!.Value.Value, item.Description, item.Origin!.Value.Value), (l[2], l[3], l[4]));
            Assert.True(l[8..12].Count(f => f == "1") <= 1, string.Join(',', l));
        }

        var parties = Csv(Path.Combine(_folder, EcommerceSampleWriter.PartiesTruthFile));
        var truthByKey = parcels.ToDictionary(p => p[0], StringComparer.Ordinal);
        foreach (var party in parties.Where(p => p[0] == "consignment"))
        {
            var c = consignments[party[1]];
            var (name, id) = party[2] == "consignor" ? (c.Consignor!.Name, truthByKey[party[1]][3]) : (c.Consignee!.Name, truthByKey[party[1]][4]);
            Assert.Equal((name, id), (party[3], party[4]));
        }

        var orders = Directory.GetFiles(Path.Combine(_folder, "platform-orders"), "*.json")
            .Select(f => PlatformOrderReader.Read(File.ReadAllBytes(f), Path.GetFileName(f)))
            .ToList();
        Assert.All(orders, o => Assert.True(o.IsClean, string.Join("\n", o.Errors)));
        var read = orders.SelectMany(o => o.Orders).ToList();
        Assert.Equal(summary.Orders, read.Count);
        Assert.Equal(parcels.Where(p => p[7].Length > 0).Select(p => p[7]).Order(StringComparer.Ordinal), read.Select(o => o.OrderNumber).Order(StringComparer.Ordinal));
        var byOrder = parcels.Where(p => p[7].Length > 0).ToDictionary(p => p[7], StringComparer.Ordinal);
        Assert.All(read, o => Assert.Equal(byOrder[o.OrderNumber][1], o.TrackingNumber));
        var orderParties = parties.Where(p => p[0] == "order").ToList();
        Assert.Equal(2 * read.Count, orderParties.Count);
        Assert.All(orderParties.Where(p => p[2] == "buyer"), p => Assert.Equal(byOrder[p[1]][4], p[4]));
    }
}
