using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Values;

using OpenCts.Tests.Shared;

namespace OpenCts.Cli.Tests;

/// <summary>Two administrations, two stores: the exporter's logged record is verified and compared with the import consignment.</summary>
public class CrossBorderTests
{
    private static void WriteMessage(string path, string sender, string messageId, Consignment consignment) =>
        File.WriteAllText(path, $$"""{"sender": "{{sender}}", "messageId": "{{messageId}}", "consignments": [{{Encoding.UTF8.GetString(ConsignmentJsonWriter.ToUtf8Bytes(consignment))}}]}""");

    [Fact]
    public void AnImportDeclaredFarBelowTheVerifiedExportValueIsTargetedThroughTheExportFields()
    {
        using var temp = new TempFolder();
        var dir = temp.Directory;
        var shipment = SampleConsignments.Sample();
        WriteMessage(Path.Combine(dir, "export.json"), "EC-CUSTOMS", "EXP-1", shipment with { Direction = Direction.Export });
        var undervalued = shipment with { Goods = [shipment.Goods[0] with { Value = new Money(6000m, CurrencyCode.Parse("USD")) }] };
        WriteMessage(Path.Combine(dir, "import.json"), "MAEU", "IMP-1", undervalued);
        Directory.CreateDirectory(Path.Combine(dir, "bundle", "profiles"));
        File.WriteAllText(Path.Combine(dir, "bundle", "profiles", "p.json"), """
            {"profiles": [{"id": "XB-1", "name": "Value lower on import than on the verified export record", "category": "revenueAndValuation",
              "criteria": "export.verified and export.valueDifference < -0.3", "weight": 60, "action": "redLane", "owner": "tests"}]}
            """);

        // The exporting administration logs its record and proves it.
        Assert.Equal(0, CtsProcess.Run(dir, "ingest", "--data", "exporter", "export.json").ExitCode);
        Assert.Equal(0, CtsProcess.Run(dir, "ledger", "checkpoint", "--data", "exporter").ExitCode);
        Assert.Equal(0, CtsProcess.Run(dir, "ledger", "prove", "message:1", "--data", "exporter", "--out", "proof.json", "--record-out", "record.bin").ExitCode);
        var exporterKey = File.ReadAllLines(Path.Combine(dir, "exporter", "keys", "ledger.vkeys")).First(l => l.Length > 0);

        // The importing administration receives the import data and attaches the export record.
        Assert.Equal(0, CtsProcess.Run(dir, "assess", "bundle", "import.json", "--data", "importer", "--quiet").ExitCode);
        var attach = CtsProcess.Run(dir, "export", "attach", shipment.Document.Key, "--data", "importer", "--bundle", "proof.json", "--record", "record.bin", "--vkey", exporterKey);
        Assert.True(attach.ExitCode == 0, attach.All);
        Assert.Contains("-66.7%", attach.Out, StringComparison.Ordinal);

        Assert.Equal(0, CtsProcess.Run(dir, "assess", "--all", "--data", "importer", "--quiet").ExitCode);
        var targets = CtsProcess.Run(dir, "targets", "--data", "importer", "--json", "--lane", "red");
        Assert.Contains("\"code\":\"XB-1\"", targets.Out, StringComparison.Ordinal);
        Assert.Contains("export.valueDifference", targets.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordChangedAfterItWasLoggedDoesNotVerify()
    {
        using var temp = new TempFolder();
        var dir = temp.Directory;
        var shipment = SampleConsignments.Sample();
        WriteMessage(Path.Combine(dir, "export.json"), "EC-CUSTOMS", "EXP-1", shipment with { Direction = Direction.Export });
        WriteMessage(Path.Combine(dir, "import.json"), "MAEU", "IMP-1", shipment);
        Assert.Equal(0, CtsProcess.Run(dir, "ingest", "--data", "exporter", "export.json").ExitCode);
        Assert.Equal(0, CtsProcess.Run(dir, "ledger", "checkpoint", "--data", "exporter").ExitCode);
        Assert.Equal(0, CtsProcess.Run(dir, "ledger", "prove", "message:1", "--data", "exporter", "--out", "proof.json", "--record-out", "record.bin").ExitCode);
        var record = File.ReadAllText(Path.Combine(dir, "record.bin")).Replace("18000", "28000", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "record.bin"), record);
        var exporterKey = File.ReadAllLines(Path.Combine(dir, "exporter", "keys", "ledger.vkeys")).First(l => l.Length > 0);
        Assert.Equal(0, CtsProcess.Run(dir, "ingest", "--data", "importer", "import.json").ExitCode);

        var attach = CtsProcess.Run(dir, "export", "attach", shipment.Document.Key, "--data", "importer", "--bundle", "proof.json", "--record", "record.bin", "--vkey", exporterKey);

        Assert.Equal(1, attach.ExitCode);
        Assert.Contains("failed", attach.Out, StringComparison.Ordinal);
    }
}
