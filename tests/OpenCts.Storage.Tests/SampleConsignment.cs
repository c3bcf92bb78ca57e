using System.Text;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Values;
using OpenCts.Ingestion.Json;
using OpenCts.Tests.Shared;

namespace OpenCts.Storage.Tests;

/// <summary>The shared sample bill of lading on a vessel of one's choosing, and the messages that carry it, as a carrier would send them.</summary>
internal static class SampleConsignment
{
    public static Consignment Of(string number = "MAEU123456789", string vessel = "NORDIC AURORA") =>
        SampleConsignments.Sample(number) with { Conveyance = new Conveyance(vessel, ImoNumber.Parse("9074729"), "245W") };

    /// <summary>An OpenCTS JSON message from MAEU carrying the consignments, read by the real format.</summary>
    public static ParsedMessage Message(string messageId, params Consignment[] consignments)
    {
        var bodies = string.Join(",", consignments.Select(c => Encoding.UTF8.GetString(ConsignmentJsonWriter.ToUtf8Bytes(c))));
        return Parse($"{messageId}.json", $$"""{"sender": "MAEU", "messageId": "{{messageId}}", "consignments": [{{bodies}}]}""");
    }

    public static ParsedMessage Parse(string fileName, string json) =>
        Assert.Single(new JsonMessageFormat().Parse(fileName, Encoding.UTF8.GetBytes(json), DateTimeOffset.UnixEpoch, CancellationToken.None));
}
