using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenCts.Tests.Shared;

namespace OpenCts.Web.Tests;

/// <summary>Cargo-XML master air waybills made from the sample, each with its own valid AWB number, consigned to a company on the samples' watch list so that they land in the red lane.</summary>
internal static class RedWaybills
{
    private const string SampleAwb = "160-12345675";

    private static readonly Lazy<string> Template = new(() => File.ReadAllText(Path.Combine(RepositoryData.RepositoryRoot, "samples", "messages", "cargo-xml-xfwb.xml")));

    /// <summary>A serial no other test uses.</summary>
    public static int NextSerial() => Interlocked.Increment(ref _serial);

    private static int _serial = Random.Shared.Next(1_000_000, 8_000_000);

    /// <summary>An AWB number with a valid check digit (the serial modulo 7).</summary>
    public static string Awb(int serial) => string.Create(CultureInfo.InvariantCulture, $"160-{serial:D7}{serial % 7}");

    /// <summary>The sample waybill renumbered, consigned to a listed company, and sent by <paramref name="consignor"/> (XML-escaped here).</summary>
    public static string Waybill(int serial, string consignor = "PEARL RIVER DIGITAL LTD") =>
        Template.Value.Replace(SampleAwb, Awb(serial), StringComparison.Ordinal)
            .Replace("DUTCH GADGET IMPORTS BV", "BLUE SKY SHIPPING TRADING LLC", StringComparison.Ordinal)
            .Replace("PEARL RIVER DIGITAL LTD", System.Security.SecurityElement.Escape(consignor), StringComparison.Ordinal);

    /// <summary>Posts a waybill as the carrier does and returns the stored message's id and its first document key.</summary>
    public static async Task<(long Id, string Document)> PostAsync(HttpClient carrier, string waybill)
    {
        using var response = await carrier.PostAsync("/api/v1/messages", new StringContent(waybill, Encoding.UTF8, "application/xml"));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (receipt.GetProperty("id").GetInt64(), receipt.GetProperty("documents")[0].GetString()!);
    }
}
