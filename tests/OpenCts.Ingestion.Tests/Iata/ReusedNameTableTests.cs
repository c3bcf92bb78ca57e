using System.Globalization;
using OpenCts.Ingestion.Iata;

namespace OpenCts.Ingestion.Tests.Iata;

/// <summary>The name table a thread keeps for the Cargo-XML documents it reads.</summary>
public sealed class ReusedNameTableTests
{
    [Fact]
    public void A_name_seen_before_is_the_same_string_and_is_not_counted_again()
    {
        var table = new ReusedNameTable();
        var first = table.Add("MasterConsignment");
        var second = table.Add("MasterConsignment".ToCharArray(), 0, "MasterConsignment".Length);

        Assert.Same(first, second);
        Assert.Same(first, table.Get("MasterConsignment"));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void A_table_filled_with_made_up_names_starts_afresh_at_the_next_document_and_not_before()
    {
        var table = new ReusedNameTable();
        table.Add("Waybill");
        for (var i = 0; table.Count < ReusedNameTable.Capacity; i++)
        {
            table.Add("n" + i.ToString(CultureInfo.InvariantCulture));
        }
        // Within a document nothing is dropped: a reader compares the names it atomised by reference.
        Assert.NotNull(table.Get("Waybill"));

        table.StartDocument();

        Assert.Equal(0, table.Count);
        Assert.Null(table.Get("Waybill"));
    }

    [Fact]
    public void Waybills_read_after_a_document_of_made_up_names_on_the_same_thread_read_as_before()
    {
        var format = new CargoXmlFormat();
        var sample = Samples.Bytes("cargo-xml-xfwb.xml");
        var before = format.Parse("a.xml", sample, Samples.ReceivedAt, TestContext.Current.CancellationToken);
        var names = string.Concat(Enumerable.Range(0, ReusedNameTable.Capacity + 10).Select(i => $"<x{i}/>"));
        format.Parse("junk.xml", System.Text.Encoding.UTF8.GetBytes($"<Waybill>{names}</Waybill>"), Samples.ReceivedAt, TestContext.Current.CancellationToken);

        var after = format.Parse("a.xml", sample, Samples.ReceivedAt, TestContext.Current.CancellationToken);

        Assert.Equal(before, after);
    }
}
