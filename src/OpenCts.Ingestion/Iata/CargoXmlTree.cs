using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace OpenCts.Ingestion.Iata;

/// <summary>The elements and text of one Cargo-XML document, read in one forward pass of an <see cref="XmlReader"/> into flat arrays.</summary>
/// <remarks>
/// The reader of the waybills asks for the first child of a name, the text under an element and an element's place, as
/// it did of an XDocument, and gets the same answers; but an element here is an index into arrays that are reused for
/// the next document, so a document costs only the strings of its text. Only the parts of a consignment OpenCTS has no
/// field for (kept, as XML, among the message's unmapped parts) are loaded as <see cref="XElement"/>, to be written out
/// exactly as the document reader wrote them. Element numbers are from 0; -1 stands for no element.
/// </remarks>
internal sealed class CargoXmlTree
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>Elements whose children not in <see cref="CargoXmlFormat.KnownConsignmentParts"/> are kept as unmapped XML.</summary>
    private static bool IsConsignment(string localName) =>
        localName is "MasterConsignment" or "IncludedHouseConsignment" or "IncludedMasterConsignment";

    [ThreadStatic]
    private static CargoXmlTree? _cached;

    private static readonly XmlWriterSettings UnmappedSettings = new() { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment };

    private readonly StringBuilder _unmappedText = new();
    private XmlWriter? _unmappedWriter;
    private int _count;
    private string?[] _name = new string?[128];
    private string[] _namespace = new string[128];
    private string?[] _text = new string?[128];
    private int[] _parent = new int[128];
    private int[] _firstChild = new int[128];
    private int[] _lastChild = new int[128];
    private int[] _next = new int[128];
    private int[] _line = new int[128];
    private int[] _column = new int[128];
    private string?[] _unit = new string?[128];
    private readonly Dictionary<int, XElement> _loaded = [];
    private readonly List<(int Element, string Prefix, string Uri)> _declarations = [];
    private readonly StringBuilder _value = new();
    private readonly ReusedNameTable _names = new();
    private XmlReaderSettings? _template;
    private XmlReaderSettings? _settings;

    /// <summary>The document element, or -1.</summary>
    public int Root { get; private set; } = -1;

    /// <summary>A tree for this thread, emptied (trees are reused from one document to the next).</summary>
    public static CargoXmlTree Rent()
    {
        var tree = _cached ?? new CargoXmlTree();
        _cached = null;
        tree.Clear();
        return tree;
    }

    /// <summary>The reader settings for the next document: the template's, with this thread's name table.</summary>
    public XmlReaderSettings ReaderSettings(XmlReaderSettings template)
    {
        _names.StartDocument();
        if (!ReferenceEquals(_template, template))
        {
            _settings = template.Clone();
            _settings.NameTable = _names;
            _template = template;
        }
        return _settings!;
    }

    /// <summary>Gives the tree back for the next document read on this thread.</summary>
    public void Return() => _cached = this;

    /// <summary>Reads the whole document; an <see cref="XmlException"/> of the reader is let through, as the document reader did.</summary>
    public void Load(XmlReader reader)
    {
        var info = (IXmlLineInfo)reader;
        var current = -1;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (current >= 0 && IsConsignment(_name[current]!) && !CargoXmlFormat.KnownConsignmentParts.Contains(reader.LocalName))
                    {
                        // Kept as XML: loaded whole, with its places, and its elements added to the tree as well.
                        using var subtree = reader.ReadSubtree();
                        var part = XElement.Load(subtree, LoadOptions.SetLineInfo);
                        var added = Add(current, part);
                        _loaded[added] = part;
                        break;
                    }
                    var element = AddElement(current, reader.LocalName, reader.NamespaceURI, info.LineNumber, info.LinePosition);
                    if (reader.HasAttributes)
                    {
                        while (reader.MoveToNextAttribute())
                        {
                            if (ReferenceEquals(reader.NamespaceURI, XmlnsNamespace) || reader.NamespaceURI == XmlnsNamespace)
                            {
                                _declarations.Add((element, reader.Prefix.Length == 0 ? "" : reader.LocalName, reader.Value));
                            }
                            else if (reader.NamespaceURI.Length == 0 && reader.LocalName == "unitCode")
                            {
                                _unit[element] = reader.Value;
                            }
                        }
                        reader.MoveToElement();
                    }
                    if (!reader.IsEmptyElement)
                    {
                        current = element;
                    }
                    break;
                case XmlNodeType.EndElement:
                    current = _parent[current];
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (current >= 0)
                    {
                        AddText(current, reader.Value);
                    }
                    break;
            }
        }
    }

    /// <summary>The element's local name.</summary>
    public string Name(int element) => _name[element]!;

    /// <summary>The parent element, or -1 for the root.</summary>
    public int Parent(int element) => _parent[element];

    /// <summary>The first child element of a local name, or -1; -1 for no element.</summary>
    public int Child(int element, string localName)
    {
        if (element < 0)
        {
            return -1;
        }
        for (var c = _firstChild[element]; c >= 0; c = _next[c])
        {
            if (_name[c] is { } name && string.Equals(name, localName, StringComparison.Ordinal))
            {
                return c;
            }
        }
        return -1;
    }

    /// <summary>The first child element (of any name), or -1.</summary>
    public int FirstElement(int element)
    {
        for (var c = element < 0 ? -1 : _firstChild[element]; c >= 0; c = _next[c])
        {
            if (_name[c] is not null)
            {
                return c;
            }
        }
        return -1;
    }

    /// <summary>The next sibling element (of any name), or -1.</summary>
    public int NextElement(int element)
    {
        for (var c = _next[element]; c >= 0; c = _next[c])
        {
            if (_name[c] is not null)
            {
                return c;
            }
        }
        return -1;
    }

    /// <summary>The next element in document order after <paramref name="element"/> that lies inside <paramref name="within"/>, or -1: a walk of its descendants.</summary>
    /// <remarks>Elements are numbered in document order, so the descendants of an element are the numbers after it up to its last descendant.</remarks>
    public int NextDescendant(int within, int element)
    {
        for (var e = element + 1; e < _count; e++)
        {
            if (_name[e] is null)
            {
                continue;
            }
            return IsInside(e, within) ? e : -1;
        }
        return -1;
    }

    private bool IsInside(int element, int ancestor)
    {
        for (var p = _parent[element]; p >= 0; p = _parent[p])
        {
            if (p == ancestor)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text under an element (all its descendants' text, in order), trimmed; null for no element or when it is only white space.</summary>
    public string? Text(int element)
    {
        if (element < 0)
        {
            return null;
        }
        var first = _firstChild[element];
        string value;
        if (first < 0)
        {
            return null;
        }
        if (_next[first] < 0 && _name[first] is null)
        {
            value = _text[first]!;
        }
        else
        {
            _value.Clear();
            AppendText(element);
            value = _value.ToString();
        }
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private void AppendText(int element)
    {
        for (var c = _firstChild[element]; c >= 0; c = _next[c])
        {
            if (_name[c] is null)
            {
                _value.Append(_text[c]);
            }
            else
            {
                AppendText(c);
            }
        }
    }

    /// <summary>The element's <c>unitCode</c> attribute (no namespace), or null.</summary>
    public string? Unit(int element) => _unit[element];

    /// <summary>The element's place: line, column and the path of local names from the root.</summary>
    public string At(string fileName, int element)
    {
        var path = new StringBuilder();
        AppendPath(path, element);
        return $"{fileName}: line {_line[element]}, column {_column[element]}, {path}";
    }

    /// <summary>The path of local names from the root, such as <c>/Waybill/MasterConsignment</c>.</summary>
    public string Path(int element)
    {
        var path = new StringBuilder();
        AppendPath(path, element);
        return path.ToString();
    }

    private void AppendPath(StringBuilder path, int element)
    {
        if (_parent[element] >= 0)
        {
            AppendPath(path, _parent[element]);
        }
        path.Append('/').Append(_name[element]);
    }

    /// <summary>An element kept as XML, written as the document reader wrote it: no formatting, with the namespace declarations of the document around it.</summary>
    public string? Unmapped(int element)
    {
        if (!_loaded.TryGetValue(element, out var part))
        {
            return null;
        }
        if (part.Parent is null)
        {
            // Its ancestors, with their namespace declarations only, so that it keeps the document's prefixes.
            XElement? outer = null;
            for (var a = _parent[element]; a >= 0; a = _parent[a])
            {
                var ancestor = new XElement(XName.Get(_name[a]!, _namespace[a]));
                foreach (var (e, prefix, uri) in _declarations)
                {
                    if (e == a)
                    {
                        ancestor.Add(prefix.Length == 0 ? new XAttribute("xmlns", uri) : new XAttribute(XNamespace.Xmlns + prefix, uri));
                    }
                }
                if (outer is null)
                {
                    ancestor.Add(part);
                    part = (XElement)ancestor.FirstNode!;
                    _loaded[element] = part;
                }
                else
                {
                    ancestor.Add(outer);
                }
                outer = ancestor;
            }
        }
        return Write(part);
    }

    /// <summary>The element's XML, as <c>ToString(SaveOptions.DisableFormatting)</c> writes it, through a writer kept with the tree.</summary>
    /// <remarks>
    /// <c>ToString</c> makes a writer, with buffers of some 20 KB, for each element: a profile of a server receiving
    /// single waybills found that an eighth of all it allocated. The tree is kept per thread, and so is this writer; it
    /// writes in fragment mode, where each element closes its namespace scope, and a writer that failed is not used again.
    /// </remarks>
    private string Write(XElement part)
    {
        _unmappedWriter ??= XmlWriter.Create(_unmappedText, UnmappedSettings);
        try
        {
            part.WriteTo(_unmappedWriter);
            _unmappedWriter.Flush();
            return _unmappedText.ToString();
        }
        catch
        {
            _unmappedWriter = null;
            throw;
        }
        finally
        {
            _unmappedText.Clear();
        }
    }

    private void Clear()
    {
        Array.Clear(_name, 0, _count);
        Array.Clear(_text, 0, _count);
        Array.Clear(_unit, 0, _count);
        Array.Clear(_namespace, 0, _count);
        _count = 0;
        _loaded.Clear();
        _declarations.Clear();
        Root = -1;
    }

    private int Add(int parent, XElement element)
    {
        var info = (IXmlLineInfo)element;
        var added = AddElement(parent, element.Name.LocalName, element.Name.NamespaceName, info.LineNumber, info.LinePosition);
        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration)
            {
                _declarations.Add((added, attribute.Name.Namespace == XNamespace.None ? "" : attribute.Name.LocalName, attribute.Value));
            }
            else if (attribute.Name == "unitCode")
            {
                _unit[added] = attribute.Value;
            }
        }
        foreach (var node in element.Nodes())
        {
            if (node is XElement child)
            {
                Add(added, child);
            }
            else if (node is XText text)
            {
                AddText(added, text.Value);
            }
        }
        return added;
    }

    private int AddElement(int parent, string localName, string namespaceUri, int line, int column)
    {
        var e = NewNode(parent);
        _name[e] = localName;
        _namespace[e] = namespaceUri;
        _line[e] = line;
        _column[e] = column;
        if (parent < 0 && Root < 0)
        {
            Root = e;
        }
        return e;
    }

    private void AddText(int parent, string text)
    {
        var t = NewNode(parent);
        _text[t] = text;
    }

    private int NewNode(int parent)
    {
        if (_count == _name.Length)
        {
            var size = _count * 2;
            Array.Resize(ref _name, size);
            Array.Resize(ref _namespace, size);
            Array.Resize(ref _text, size);
            Array.Resize(ref _parent, size);
            Array.Resize(ref _firstChild, size);
            Array.Resize(ref _lastChild, size);
            Array.Resize(ref _next, size);
            Array.Resize(ref _line, size);
            Array.Resize(ref _column, size);
            Array.Resize(ref _unit, size);
        }
        var n = _count++;
        _parent[n] = parent;
        _firstChild[n] = -1;
        _lastChild[n] = -1;
        _next[n] = -1;
        if (parent >= 0)
        {
            if (_lastChild[parent] < 0)
            {
                _firstChild[parent] = n;
            }
            else
            {
                _next[_lastChild[parent]] = n;
            }
            _lastChild[parent] = n;
        }
        return n;
    }
}
