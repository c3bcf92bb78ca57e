using System.Globalization;
using System.Text;

namespace OpenCts.Server.Tests;

/// <summary>Cargo-XML master air waybills made from the sample, each with its own valid AWB number and, when asked, a consignee on the samples' national watch list.</summary>
internal static class RedMessages
{
    private const string SampleAwb = "160-12345675";

    private static readonly Lazy<string> Template = new(() => File.ReadAllText(ServerFixture.Sample("messages", "cargo-xml-xfwb.xml")));

    /// <summary>An AWB number with a valid check digit (the serial modulo 7).</summary>
    public static string Awb(int serial) => string.Create(CultureInfo.InvariantCulture, $"160-{serial:D7}{serial % 7}");

    /// <summary>The sample waybill renumbered; with <paramref name="listed"/>, consigned to a listed company.</summary>
    public static byte[] Waybill(int serial, bool listed = true)
    {
        var text = Template.Value.Replace(SampleAwb, Awb(serial), StringComparison.Ordinal);
        if (listed)
        {
            text = text.Replace("DUTCH GADGET IMPORTS BV", "BLUE SKY SHIPPING TRADING LLC", StringComparison.Ordinal);
        }
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A new version of <see cref="Waybill"/>'s document under another message id, as a filer sends to answer a request for information.</summary>
    public static byte[] Reply(int serial, string suffix = "R1")
    {
        var text = Encoding.UTF8.GetString(Waybill(serial, listed: false));
        var header = $"<ram:ID>{Awb(serial)}</ram:ID>";
        var at = text.IndexOf(header, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at), $"<ram:ID>{Awb(serial)}-{suffix}</ram:ID>", text.AsSpan(at + header.Length)));
    }
}
