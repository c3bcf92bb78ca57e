using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenCts.Domain.Commerce;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Ingestion.PlatformOrders;

namespace OpenCts.Ingestion.Samples.Ecommerce;

/// <summary>What <see cref="EcommerceSampleWriter.Write"/> wrote.</summary>
/// <param name="Parcels">Consignments written.</param>
/// <param name="Messages">Message files under <c>consignments/</c>.</param>
/// <param name="Orders">Platform orders written.</param>
/// <param name="OrderFiles">Order files under <c>platform-orders/</c>.</param>
/// <param name="RingParcels">Parcels addressed to a splitting ring's receiver.</param>
/// <param name="PlantedLines">Goods lines with something planted (genuine brand lines included).</param>
public sealed record EcommerceSampleSummary(int Parcels, int Messages, int Orders, int OrderFiles, int RingParcels, int PlantedLines);

/// <summary>Writes a generated e-commerce stream to a folder: messages as carriers send them, platform orders, and the ground truth.</summary>
/// <remarks>
/// Layout:
/// <list type="bullet">
/// <item><c>consignments/&lt;carrier&gt;-ECOM-&lt;seed&gt;-&lt;n&gt;.json</c>: OpenCTS JSON messages of up to <see cref="SampleWriter.BatchSize"/> parcels, one carrier each, which <c>cts ingest</c> and <c>cts assess</c> read;</item>
/// <item><c>platform-orders/&lt;platform&gt;-&lt;seed&gt;-&lt;n&gt;.json</c>: platform order files (<c>docs/platform-orders.md</c>) of up to <see cref="OrdersPerFile"/> orders;</item>
/// <item><c>ground-truth-ecommerce-parcels.csv</c>, <c>-lines.csv</c>, <c>-parties.csv</c>: the ground truth, columns as <c>docs/platform-orders.md</c> lists them.</item>
/// </list>
/// Everything is streamed: memory does not grow with the number of parcels.
/// </remarks>
public static class EcommerceSampleWriter
{
    /// <summary>Orders per platform order file.</summary>
    public const int OrdersPerFile = 500;

    public const string ParcelsTruthFile = "ground-truth-ecommerce-parcels.csv";
    public const string LinesTruthFile = "ground-truth-ecommerce-lines.csv";
    public const string PartiesTruthFile = "ground-truth-ecommerce-parties.csv";

    public static EcommerceSampleSummary Write(string directory, IEnumerable<EcommerceParcel> stream, int seed)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var messagesDir = Path.Combine(directory, "consignments");
        var ordersDir = Path.Combine(directory, PlatformOrderReader.BundleFolder);
        Directory.CreateDirectory(messagesDir);
        Directory.CreateDirectory(ordersDir);
        using var parcelsCsv = Csv(Path.Combine(directory, ParcelsTruthFile), "documentKey,trackingNumber,departure,consignorId,consigneeId,ringId,declaredEur,orderNumber");
        using var linesCsv = Csv(Path.Combine(directory, LinesTruthFile), "documentKey,sequence,hs,description,origin,declaredEur,normalEur,paidEur,undervalued,misdescribed,fakeBrand,genuineBrand,brand");
        using var partiesCsv = Csv(Path.Combine(directory, PartiesTruthFile), "record,reference,role,name,trueId");

        var parcelBatches = new Dictionary<string, List<Consignment>>(StringComparer.Ordinal);
        var orderBatches = new Dictionary<string, List<PlatformOrder>>(StringComparer.Ordinal);
        var messageCounters = new Dictionary<string, int>(StringComparer.Ordinal);
        var orderCounters = new Dictionary<string, int>(StringComparer.Ordinal);
        int parcels = 0, messages = 0, orders = 0, orderFiles = 0, ringParcels = 0, plantedLines = 0;

        void FlushParcels(string sender)
        {
            var batch = parcelBatches[sender];
            if (batch.Count == 0)
            {
                return;
            }
            var n = messageCounters[sender] = messageCounters.GetValueOrDefault(sender) + 1;
            var messageId = string.Create(CultureInfo.InvariantCulture, $"{sender}-ECOM-{seed}-{n:00000}");
            using (var file = File.Create(Path.Combine(messagesDir, $"{messageId}.json")))
            {
                SampleWriter.WriteMessage(file, sender, messageId, batch);
            }
            messages++;
            batch.Clear();
        }

        void FlushOrders(string platform)
        {
            var batch = orderBatches[platform];
            if (batch.Count == 0)
            {
                return;
            }
            var n = orderCounters[platform] = orderCounters.GetValueOrDefault(platform) + 1;
            using (var file = File.Create(Path.Combine(ordersDir, string.Create(CultureInfo.InvariantCulture, $"{platform}-{seed}-{n:00000}.json"))))
            {
                PlatformOrderWriter.Write(file, platform, batch);
            }
            orderFiles++;
            batch.Clear();
        }

        foreach (var parcel in stream)
        {
            var consignment = parcel.Consignment;
            var sender = consignment.Carrier?.Code ?? "UNKNOWN";
            if (!parcelBatches.TryGetValue(sender, out var batch))
            {
                parcelBatches[sender] = batch = [];
            }
            batch.Add(consignment);
            if (batch.Count == SampleWriter.BatchSize)
            {
                FlushParcels(sender);
            }
            parcels++;
            if (parcel.Truth.RingId is not null)
            {
                ringParcels++;
            }
            if (parcel.Order is { } order)
            {
                if (!orderBatches.TryGetValue(order.Platform, out var orderBatch))
                {
                    orderBatches[order.Platform] = orderBatch = [];
                }
                orderBatch.Add(order);
                orders++;
                if (orderBatch.Count == OrdersPerFile)
                {
                    FlushOrders(order.Platform);
                }
            }
            WriteTruth(parcel, parcelsCsv, linesCsv, partiesCsv, ref plantedLines);
        }
        foreach (var sender in parcelBatches.Keys.ToList())
        {
            FlushParcels(sender);
        }
        foreach (var platform in orderBatches.Keys.ToList())
        {
            FlushOrders(platform);
        }
        return new EcommerceSampleSummary(parcels, messages, orders, orderFiles, ringParcels, plantedLines);
    }

    private static void WriteTruth(EcommerceParcel parcel, StreamWriter parcelsCsv, StreamWriter linesCsv, StreamWriter partiesCsv, ref int plantedLines)
    {
        var c = parcel.Consignment;
        var truth = parcel.Truth;
        var key = c.Document.Key;
        Row(parcelsCsv, key, c.Document.Number, c.Departure?.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture), truth.ConsignorId, truth.ConsigneeId, truth.RingId, Amount(truth.DeclaredEur), parcel.Order?.OrderNumber);
        foreach (var line in truth.Lines)
        {
            var item = c.Goods[line.Sequence - 1];
            if (line.Planted != PlantedLine.None)
            {
                plantedLines++;
            }
            Row(linesCsv, key, line.Sequence.ToString(CultureInfo.InvariantCulture), item.HsCode?.Value, item.Description, item.Origin?.Value, Amount(line.DeclaredEur), Amount(line.NormalEur), Amount(line.PaidEur),
                Flag(line.Undervalued), Flag(line.Misdescribed), Flag(line.FakeBrand), Flag(line.GenuineBrand), line.Brand);
        }
        Row(partiesCsv, "consignment", key, "consignor", c.Consignor!.Name, truth.ConsignorId);
        Row(partiesCsv, "consignment", key, "consignee", c.Consignee!.Name, truth.ConsigneeId);
        if (parcel.Order is { } order)
        {
            Row(partiesCsv, "order", order.OrderNumber, "seller", order.Seller.Name, truth.ConsignorId);
            Row(partiesCsv, "order", order.OrderNumber, "buyer", order.Buyer.Name, truth.ConsigneeId);
        }
    }

    private static StreamWriter Csv(string path, string header)
    {
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { NewLine = "\n" };
        writer.WriteLine(header);
        return writer;
    }

    private static void Row(StreamWriter writer, params ReadOnlySpan<string?> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }
            var field = fields[i] ?? "";
            if (field.AsSpan().IndexOfAny(",\"\n\r") >= 0)
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(field);
            }
        }
        writer.Write('\n');
    }

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "1" : "0";
}
