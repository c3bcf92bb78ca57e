using System.Xml;

namespace OpenCts.Ingestion.Iata;

/// <summary>An XML name table kept from one document to the next on a thread, and started afresh once it holds <see cref="Capacity"/> names.</summary>
/// <remarks>
/// An <see cref="XmlReader"/> makes a name table of its own unless given one, and fills it with every element and
/// attribute name of the document: for one waybill at a time (the server's case), those names were 5 % of all the bytes
/// allocated. The Cargo-XML vocabulary is small and the same in every message, so a table kept per thread already holds
/// them. Names are added only when new, and counted, so that documents full of made-up names cannot make the table grow
/// without end; it is replaced only between documents (<see cref="StartDocument"/>), because a reader compares the names
/// it atomised by reference.
/// </remarks>
internal sealed class ReusedNameTable : XmlNameTable
{
    /// <summary>The most names kept before the table starts again; Cargo-XML has a few hundred.</summary>
    public const int Capacity = 4096;

    private NameTable _names = new();
    private int _count;

    /// <summary>How many names the table holds now.</summary>
    public int Count => _count;

    /// <summary>Called before each document: starts a new table if this one is full.</summary>
    public void StartDocument()
    {
        if (_count >= Capacity)
        {
            _names = new NameTable();
            _count = 0;
        }
    }

    public override string Add(char[] key, int start, int len) => _names.Get(key, start, len) ?? Added(_names.Add(key, start, len));

    public override string Add(string key) => _names.Get(key) ?? Added(_names.Add(key));

    public override string? Get(char[] key, int start, int len) => _names.Get(key, start, len);

    public override string? Get(string value) => _names.Get(value);

    private string Added(string name)
    {
        _count++;
        return name;
    }
}
