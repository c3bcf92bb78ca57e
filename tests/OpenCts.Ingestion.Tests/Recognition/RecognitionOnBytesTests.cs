using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using OpenCts.Ingestion.Csv;
using OpenCts.Ingestion.Iata;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Wco;

namespace OpenCts.Ingestion.Tests.Recognition;

/// <summary>
/// The formats recognise a body on its bytes, without decoding it; each answers as the decoding version did (kept here as
/// the reference), for heads made of the markers each looks for, white space of every kind, and arbitrary bytes.
/// </summary>
public sealed partial class RecognitionOnBytesTests
{
    private static readonly string[] Pieces =
    [
        "{", "<", " ", "\t", "\r", "\n", "\v", "\f", "\u001c", "\u00a0", "\u0085", "\u2003", "\uFEFF", "x", "é",
        "\"consignments\"", "\"Declaration\"", ":Waybill", "<Waybill", "HouseWaybill", "FlightManifest",
        "documentNumber", "messageId", ",", "FWB/16", "FHL/4", "FFM/1234", "FWB/", "  FHL/2  ",
    ];

    /// <summary>Heads joined from the pieces above, with a byte cut off the end sometimes (a head is cut at 4 KiB, perhaps inside a character).</summary>
    private static readonly Gen<byte[]> Heads =
        Gen.Select(Gen.Int[0, Pieces.Length - 1].Array[0, 24], Gen.Bool, (picks, cut) =>
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(picks.Select(p => Pieces[p])));
            return cut && bytes.Length > 0 ? bytes[..^1] : bytes;
        });

    private static readonly Gen<byte[]> AnyBytes = Gen.Byte.Array[0, 64];

    [Fact]
    public void OpenCts_json_is_recognised_as_when_the_head_was_decoded() =>
        Check(new JsonMessageFormat().Recognises, head =>
        {
            var text = Encoding.UTF8.GetString(head);
            return text.TrimStart().StartsWith('{') && text.Contains("\"consignments\"", StringComparison.Ordinal);
        });

    [Fact]
    public void Wco_json_is_recognised_as_when_the_head_was_decoded() =>
        Check(new WcoJsonFormat().Recognises, head =>
        {
            var text = Encoding.UTF8.GetString(head);
            return text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{') && text.Contains("\"Declaration\"", StringComparison.Ordinal);
        });

    [Fact]
    public void Cargo_xml_is_recognised_as_when_the_head_was_decoded() =>
        Check(new CargoXmlFormat().Recognises, head =>
        {
            var text = Encoding.UTF8.GetString(head);
            return text.Contains('<', StringComparison.Ordinal) &&
                (text.Contains(":Waybill", StringComparison.Ordinal) || text.Contains("<Waybill", StringComparison.Ordinal) ||
                 text.Contains("HouseWaybill", StringComparison.Ordinal) || text.Contains("FlightManifest", StringComparison.Ordinal));
        });

    [Fact]
    public void Cargo_imp_is_recognised_as_when_the_head_was_decoded() =>
        Check(new CargoImpFormat().Recognises, head =>
            Encoding.ASCII.GetString(head).Split('\n').Take(12).Any(line => Identification().IsMatch(line.Trim())));

    [Fact]
    public void Csv_is_recognised_as_when_the_head_was_decoded() =>
        Check(new CsvMessageFormat().Recognises, head =>
        {
            var firstLine = Encoding.UTF8.GetString(head).Split('\n')[0];
            return firstLine.Contains("documentNumber", StringComparison.Ordinal) && firstLine.Contains("messageId", StringComparison.Ordinal);
        });

    [Fact]
    public void The_pieces_make_heads_that_each_format_recognises_and_heads_it_does_not()
    {
        // Without this the comparisons above could pass on heads that no format ever recognises.
        var formats = new Func<string, byte[], bool>[]
        {
            (n, h) => new JsonMessageFormat().Recognises(n, h), (n, h) => new WcoJsonFormat().Recognises(n, h),
            (n, h) => new CargoXmlFormat().Recognises(n, h), (n, h) => new CargoImpFormat().Recognises(n, h),
            (n, h) => new CsvMessageFormat().Recognises(n, h),
        };
        var heads = Heads.Array[3000].Single();
        Assert.All(formats, recognises =>
        {
            Assert.Contains(heads, h => recognises("body", h));
            Assert.Contains(heads, h => !recognises("body", h));
        });
    }

    private delegate bool Recognises(string fileName, ReadOnlySpan<byte> head);

    private static void Check(Recognises recognises, Func<byte[], bool> reference)
    {
        Heads.Sample(head => recognises("body", head) == reference(head), iter: 5000);
        AnyBytes.Sample(head => recognises("body", head) == reference(head), iter: 5000);
    }

    [GeneratedRegex(@"^(?<type>FWB|FHL|FFM)/(?<version>\d{1,3})\s*$")]
    private static partial Regex Identification();
}
