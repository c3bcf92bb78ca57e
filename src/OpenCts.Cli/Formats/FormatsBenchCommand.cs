using System.Buffers;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Xml;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Iata;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Samples;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Formats;

/// <summary><c>cts bench formats</c>: CUSCAR parsing throughput on one core, Cargo-XML XFWB messages per second and OpenCTS JSON consignments per second, each beside its physical bound.</summary>
/// <remarks>
/// The interchange is written in memory by <see cref="CuscarWriter"/> from the sample generator's consignments, so the
/// figure includes building every consignment of the model, not only splitting segments. Each figure is measured in the
/// same run as its bound (a vectorised scan of the same bytes for the separators; an XmlReader reading the same documents
/// without building anything; a Utf8JsonReader reading every token of the same JSON messages), and the ratio of the two is reported, so that a busy machine moves both alike.
/// </remarks>
internal sealed class FormatsBenchCommand : Command<FormatsBenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--consignments <N>")]
        [Description("Consignments in the synthetic CUSCAR interchange (default 20,000).")]
        public int Consignments { get; init; } = 20_000;

        [CommandOption("--seconds <S>")]
        [Description("How long to measure each figure and each bound, after as long a warm-up (default 3).")]
        public double Seconds { get; init; } = 3;

        [CommandOption("--json <FILE>")]
        [Description("Also write the figures, their bounds and the ratios (edifactMegabytesPerSecond, edifactScanMegabytesPerSecond, edifactAllocatedBytesPerInputByte, edifactGcPauseShare, collectorMode, cargoXmlMessagesPerSecond, xmlReaderMessagesPerSecond, jsonConsignmentsPerSecond, utf8JsonReaderConsignmentsPerSecond, ...) to this file.")]
        public string? Json { get; init; }
    }

    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var consignments = new SampleGenerator(20261201).Generate(settings.Consignments);
        var interchange = CuscarWriter.ToBytes(consignments, new CuscarEnvelope("OPENCTS-BENCH", "NLCUSTOMS", "BENCH1", ReceivedAt));
        var (edifactMegabytes, edifactConsignments, collector) = MeasureCuscar(interchange, settings.Seconds, cancellationToken);
        var scanMegabytes = MeasureSeparatorScan(interchange, settings.Seconds, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"CUSCAR: {interchange.Length / 1e6:N1} MB, {edifactConsignments:N0} consignments per pass, {edifactMegabytes:N1} MB/s on one core; separator scan {scanMegabytes:N0} MB/s");
        AnsiConsole.MarkupLineInterpolated($"CUSCAR: {collector.AllocatedBytesPerUnit:N1} bytes allocated per byte read, all kept until the file is read; the collector's pauses took {collector.PauseShare:P0} of the time ({CollectorMode})");

        var waybills = XfwbDocuments(consignments.Where(c => c.Mode == TransportMode.Air && c.Document.Kind == TransportDocumentKind.MasterAirWaybill).Take(2000).ToList());
        var xmlPerSecond = MeasureCargoXml(waybills, settings.Seconds, cancellationToken);
        var readerPerSecond = MeasureXmlReader(waybills, settings.Seconds, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Cargo-XML: {xmlPerSecond:N0} XFWB messages/s on one core; XmlReader alone {readerPerSecond:N0} messages/s");

        var jsonMessages = JsonMessages(consignments);
        var (jsonPerSecond, jsonCollector) = MeasureJson(jsonMessages, settings.Seconds, cancellationToken);
        var tokensPerSecond = MeasureUtf8JsonReader(jsonMessages, settings.Seconds, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"OpenCTS JSON: {jsonMessages.Count:N0} messages of {SampleWriter.BatchSize} consignments, {jsonPerSecond:N0} consignments/s on one core, {jsonCollector.AllocatedBytesPerUnit:N0} bytes allocated each; Utf8JsonReader alone {tokensPerSecond:N0} consignments/s");

        var edifactRatio = edifactMegabytes / scanMegabytes;
        var xmlRatio = xmlPerSecond / readerPerSecond;
        var jsonRatio = jsonPerSecond / tokensPerSecond;
        var table = new Table().AddColumns("measure", "OpenCTS", "goal", "bound", "ratio");
        table.AddRow("EDIFACT CUSCAR parsing (MB per CPU second, consignments built)", $"{edifactMegabytes:N1}", "≥ 150", $"{scanMegabytes:N0} (separator scan)", $"{edifactRatio:P1}");
        table.AddRow("Cargo-XML XFWB (messages per CPU second)", $"{xmlPerSecond:N0}", "≥ 50,000", $"{readerPerSecond:N0} (XmlReader.Read alone)", $"{xmlRatio:P1}");
        table.AddRow("OpenCTS JSON (consignments per CPU second, consignments built)", $"{jsonPerSecond:N0}", "—", $"{tokensPerSecond:N0} (Utf8JsonReader alone)", $"{jsonRatio:P1}");
        AnsiConsole.Write(table);
        if (settings.Json is not null)
        {
            File.WriteAllText(settings.Json, JsonSerializer.Serialize(new
            {
                edifactMegabytesPerSecond = Math.Round(edifactMegabytes, 1),
                cargoXmlMessagesPerSecond = Math.Round(xmlPerSecond),
                edifactInterchangeBytes = interchange.Length,
                edifactConsignments,
                cargoXmlDocuments = waybills.Count,
                edifactScanMegabytesPerSecond = Math.Round(scanMegabytes, 1),
                edifactRatioToScan = Math.Round(edifactRatio, 4),
                edifactAllocatedBytesPerInputByte = Math.Round(collector.AllocatedBytesPerUnit, 2),
                edifactGcPauseShare = Math.Round(collector.PauseShare, 4),
                collectorMode = CollectorMode,
                xmlReaderMessagesPerSecond = Math.Round(readerPerSecond),
                cargoXmlRatioToXmlReader = Math.Round(xmlRatio, 4),
                jsonConsignmentsPerSecond = Math.Round(jsonPerSecond),
                jsonMessages = jsonMessages.Count,
                jsonAllocatedBytesPerConsignment = Math.Round(jsonCollector.AllocatedBytesPerUnit),
                utf8JsonReaderConsignmentsPerSecond = Math.Round(tokensPerSecond),
                jsonRatioToUtf8JsonReader = Math.Round(jsonRatio, 4),
            }));
        }
        return 0;
    }

    /// <summary>The collector the figures were measured on, as the process's configuration chose it (Batch is the blocking one, Interactive the background one).</summary>
    /// <remarks>It moves the CUSCAR figure by half (docs/performance.md), so a figure is only compared with one of the same mode.</remarks>
    private static string CollectorMode =>
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} {System.Runtime.GCSettings.LatencyMode}";

    /// <summary>The bound beside CUSCAR parsing: a vectorised scan of the same bytes for the separators, terminator and release character, touching every one found.</summary>
    /// <remarks>No parser that looks at every separator can be faster than this; the ratio says how much of the rest is the grammar and the model.</remarks>
    private static double MeasureSeparatorScan(byte[] interchange, double seconds, CancellationToken cancellationToken)
    {
        var d = new EdifactTokenizer(interchange).Delimiters;
        var separators = SearchValues.Create([d.Component, d.Element, d.Terminator, d.Release]);
        var found = CountSeparators(interchange, separators);
        return PerCoreSecond(seconds, cancellationToken, () =>
            CountSeparators(interchange, separators) == found ? interchange.Length : throw new InvalidOperationException("the separator scan found a different count on the same bytes")) / 1e6;
    }

    private static int CountSeparators(ReadOnlySpan<byte> bytes, SearchValues<byte> separators)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            var next = bytes[i..].IndexOfAny(separators);
            if (next < 0)
            {
                return count;
            }
            count++;
            i += next + 1;
        }
    }

    /// <summary>The bound beside Cargo-XML: an <see cref="XmlReader"/> with the same settings reading every node of the same documents and building nothing.</summary>
    private static double MeasureXmlReader(List<byte[]> documents, double seconds, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        return PerCoreSecond(seconds, cancellationToken, () =>
        {
            long nodes = 0;
            foreach (var d in documents)
            {
                using var stream = new MemoryStream(d, writable: false);
                using var reader = XmlReader.Create(stream, settings);
                while (reader.Read())
                {
                    nodes++;
                }
            }
            return nodes > 0 ? documents.Count : 0;
        });
    }

    private static (double MegabytesPerSecond, int Consignments, CollectorCost Collector) MeasureCuscar(byte[] interchange, double seconds, CancellationToken cancellationToken)
    {
        var format = new CuscarFormat();
        var count = format.Parse("bench.edi", interchange, ReceivedAt, cancellationToken).Sum(m => m.IsRejected ? throw new InvalidOperationException(m.Issues[0].ToString()) : m.Consignments.Count);
        var bytesPerSecond = PerCoreSecond(seconds, cancellationToken, () =>
        {
            format.Parse("bench.edi", interchange, ReceivedAt, cancellationToken);
            return interchange.Length;
        }, out var collector);
        return (bytesPerSecond / 1e6, count, collector);
    }

    private static double MeasureCargoXml(List<byte[]> documents, double seconds, CancellationToken cancellationToken)
    {
        var format = new CargoXmlFormat();
        foreach (var d in documents.Take(10))
        {
            if (format.Parse("bench.xml", d, ReceivedAt, cancellationToken)[0] is { IsRejected: true } rejected)
            {
                throw new InvalidOperationException(rejected.Issues[0].ToString());
            }
        }
        return PerCoreSecond(seconds, cancellationToken, () =>
        {
            foreach (var d in documents)
            {
                format.Parse("bench.xml", d, ReceivedAt, cancellationToken);
            }
            return documents.Count;
        });
    }

    /// <summary>The consignments as OpenCTS JSON messages of <see cref="SampleWriter.BatchSize"/>, as <c>cts samples generate</c> writes them.</summary>
    private static List<(byte[] Bytes, int Consignments)> JsonMessages(IReadOnlyList<Consignment> consignments)
    {
        var messages = new List<(byte[], int)>();
        foreach (var batch in consignments.Chunk(SampleWriter.BatchSize))
        {
            using var stream = new MemoryStream();
            SampleWriter.WriteMessage(stream, "BENCH", $"BENCH-{messages.Count + 1:0000}", batch);
            messages.Add((stream.ToArray(), batch.Length));
        }
        return messages;
    }

    private static (double ConsignmentsPerSecond, CollectorCost Collector) MeasureJson(List<(byte[] Bytes, int Consignments)> messages, double seconds, CancellationToken cancellationToken)
    {
        var format = new JsonMessageFormat();
        foreach (var (bytes, count) in messages.Take(10))
        {
            var parsed = format.Parse("bench.json", bytes, ReceivedAt, cancellationToken)[0];
            if (parsed.IsRejected || parsed.Consignments.Count != count)
            {
                throw new InvalidOperationException(parsed.IsRejected ? parsed.Issues[0].ToString() : $"{parsed.Consignments.Count} consignments read of {count}");
            }
        }
        var perSecond = PerCoreSecond(seconds, cancellationToken, () =>
        {
            long consignments = 0;
            foreach (var (bytes, _) in messages)
            {
                consignments += format.Parse("bench.json", bytes, ReceivedAt, cancellationToken)[0].Consignments.Count;
            }
            return consignments;
        }, out var collector);
        return (perSecond, collector);
    }

    /// <summary>The bound beside JSON: a <see cref="Utf8JsonReader"/> reading every token of the same messages, strings left unread, building nothing.</summary>
    private static double MeasureUtf8JsonReader(List<(byte[] Bytes, int Consignments)> messages, double seconds, CancellationToken cancellationToken) =>
        PerCoreSecond(seconds, cancellationToken, () =>
        {
            long consignments = 0;
            foreach (var (bytes, count) in messages)
            {
                var reader = new Utf8JsonReader(bytes);
                long tokens = 0;
                while (reader.Read())
                {
                    tokens++;
                }
                consignments += tokens > 0 ? count : 0;
            }
            return consignments;
        });

    /// <summary>Units (bytes, messages) that passes of <paramref name="pass"/> handle per CPU second, timed for <paramref name="seconds"/> after as long a warm-up.</summary>
    /// <remarks>The warm-up lets the JIT's background recompilation finish first, so that its CPU time is not counted against any figure or bound.</remarks>
    private static double PerCoreSecond(double seconds, CancellationToken cancellationToken, Func<long> pass) =>
        PerCoreSecond(seconds, cancellationToken, pass, out _);

    /// <summary>What the garbage collector cost while a figure was timed: bytes allocated per unit, and the share of the (wall) time its pauses took.</summary>
    /// <remarks>
    /// A parser's results are kept until the file is read, so every object it allocates is copied by the collector as it
    /// ages; the pauses are that copying. A background collection's marking runs beside the pass: it is in the CPU time
    /// of the figure but not in the pauses.
    /// </remarks>
    private readonly record struct CollectorCost(double AllocatedBytesPerUnit, double PauseShare);

    private static double PerCoreSecond(double seconds, CancellationToken cancellationToken, Func<long> pass, out CollectorCost collector)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < seconds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pass();
        }
        var pauses = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = CpuClock.Start();
        long units = 0;
        // At least one pass: on a busy machine a short budget could run out before the first, leaving a bound of 0 and a
        // ratio of infinity, which JSON cannot hold (a CI run met it with --seconds 0.02).
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            units += pass();
        }
        while (clock.Wall.TotalSeconds < seconds);
        var coreSeconds = clock.CoreSeconds;
        collector = new CollectorCost(
            (GC.GetTotalAllocatedBytes() - allocated) / (double)Math.Max(1, units),
            Math.Min(1, (GC.GetTotalPauseDuration() - pauses).TotalSeconds / Math.Max(1e-6, clock.Wall.TotalSeconds)));
        return units / coreSeconds;
    }

    /// <summary>Wall time, and the CPU time the process used, so that a figure "on one core" holds on a busy machine too.</summary>
    /// <remarks>CPU time counts the garbage collector's threads as well, so the per-core figure is, if anything, low.</remarks>
    private sealed class CpuClock
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public static CpuClock Start() => new();

        public TimeSpan Wall => _wall.Elapsed;

        public double CoreSeconds => Math.Max(1e-6, (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds);
    }

    /// <summary>XFWB documents for generated master air waybills, in the shape of <c>samples/messages/cargo-xml-xfwb.xml</c>.</summary>
    private static List<byte[]> XfwbDocuments(List<Consignment> waybills)
    {
        var documents = new List<byte[]>(waybills.Count);
        foreach (var c in waybills)
        {
            var b = new StringBuilder();
            b.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rsm:Waybill xmlns:rsm=\"iata:waybill:1\" xmlns:ram=\"iata:datamodel:3\">\n");
            b.Append($"<rsm:MessageHeaderDocument><ram:ID>{c.Document.Number}</ram:ID><ram:TypeCode>741</ram:TypeCode><ram:IssueDateTime>{c.Departure:yyyy-MM-ddTHH:mm:ss}</ram:IssueDateTime><ram:PurposeCode>Creation</ram:PurposeCode><ram:VersionID>3.00</ram:VersionID><ram:SenderParty><ram:PrimaryID>BENCH</ram:PrimaryID></ram:SenderParty></rsm:MessageHeaderDocument>\n");
            b.Append($"<rsm:BusinessHeaderDocument><ram:ID>{c.Document.Number}</ram:ID></rsm:BusinessHeaderDocument>\n<rsm:MasterConsignment>\n");
            b.Append($"<ram:IncludedTareGrossWeightMeasure unitCode=\"KGM\">{c.TotalGrossMassKg}</ram:IncludedTareGrossWeightMeasure><ram:TotalPieceQuantity>{c.Goods.Sum(g => g.Packages)}</ram:TotalPieceQuantity>\n");
            foreach (var p in c.Parties)
            {
                var element = p.Role == PartyRole.Consignor ? "ConsignorParty" : "ConsigneeParty";
                b.Append($"<ram:{element}><ram:Name>{System.Security.SecurityElement.Escape(p.Name)}</ram:Name><ram:PostalStructuredAddress><ram:StreetName>{System.Security.SecurityElement.Escape(p.Address?.Street)}</ram:StreetName><ram:CityName>{System.Security.SecurityElement.Escape(p.Address?.City)}</ram:CityName><ram:CountryID>{p.Country}</ram:CountryID></ram:PostalStructuredAddress></ram:{element}>\n");
            }
            b.Append("<ram:OriginLocation><ram:ID>HKG</ram:ID></ram:OriginLocation><ram:FinalDestinationLocation><ram:ID>AMS</ram:ID></ram:FinalDestinationLocation>\n");
            b.Append($"<ram:SpecifiedLogisticsTransportMovement><ram:ID>{c.Conveyance?.FlightNumber}</ram:ID><ram:DepartureEvent><ram:ScheduledOccurrenceDateTime>{c.Departure:yyyy-MM-ddTHH:mm:ssZ}</ram:ScheduledOccurrenceDateTime></ram:DepartureEvent></ram:SpecifiedLogisticsTransportMovement>\n<ram:ApplicableRating>");
            foreach (var g in c.Goods)
            {
                b.Append($"<ram:IncludedMasterConsignmentItem><ram:SequenceNumeric>{g.Sequence}</ram:SequenceNumeric><ram:TypeCode>{g.HsCode}</ram:TypeCode><ram:GrossWeightMeasure unitCode=\"KGM\">{g.GrossMassKg}</ram:GrossWeightMeasure><ram:PieceQuantity>{g.Packages}</ram:PieceQuantity><ram:NatureIdentificationTransportCargo><ram:Identification>{System.Security.SecurityElement.Escape(g.Description)}</ram:Identification></ram:NatureIdentificationTransportCargo><ram:OriginCountry><ram:ID>{g.Origin}</ram:ID></ram:OriginCountry></ram:IncludedMasterConsignmentItem>");
            }
            b.Append("</ram:ApplicableRating>\n</rsm:MasterConsignment>\n</rsm:Waybill>\n");
            documents.Add(Encoding.UTF8.GetBytes(b.ToString()));
        }
        return documents;
    }
}
