using System.Globalization;
using System.Text;
using OpenCts.Tests.Shared;

namespace OpenCts.Reliability.Tests.Support;

/// <summary>Single-consignment Cargo-XML master air waybills made from the sample, each with its own valid AWB number (and so its own message id).</summary>
internal static class Waybills
{
    private const string SampleAwb = "160-12345675";

    private static readonly Lazy<string> Template = new(() => File.ReadAllText(Path.Combine(RepositoryData.RepositoryRoot, "samples", "messages", "cargo-xml-xfwb.xml")));

    /// <summary>An AWB number with a valid check digit (the serial modulo 7).</summary>
    public static string Awb(int serial) => string.Create(CultureInfo.InvariantCulture, $"160-{serial:D7}{serial % 7}");

    public static byte[] Waybill(int serial) => Encoding.UTF8.GetBytes(Template.Value.Replace(SampleAwb, Awb(serial), StringComparison.Ordinal));
}
