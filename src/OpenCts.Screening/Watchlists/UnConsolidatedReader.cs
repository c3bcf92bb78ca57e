using System.Xml;
using System.Xml.Linq;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Watchlists;

namespace OpenCts.Screening.Watchlists;

/// <summary>Reads the UN Security Council consolidated list (XML) into entries of the list <c>un-consolidated</c>, keyed by reference number (<c>QDi.001</c>).</summary>
public static class UnConsolidatedReader
{
    public const string ListName = "un-consolidated";

    public static IReadOnlyList<WatchlistEntry> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        XDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = XDocument.Load(stream, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new WatchlistFormatException(path, e.LineNumber, e.LinePosition, "not well-formed XML: " + e.Message);
        }
        var root = document.Root;
        if (root is null || root.Name.LocalName != "CONSOLIDATED_LIST")
        {
            throw new WatchlistFormatException(path, 1, 1, "the root element is not CONSOLIDATED_LIST");
        }
        var entries = new List<WatchlistEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in root.Elements("INDIVIDUALS").Elements("INDIVIDUAL"))
        {
            entries.Add(Read(path, element, "INDIVIDUAL", SubjectKind.Person, seen));
        }
        foreach (var element in root.Elements("ENTITIES").Elements("ENTITY"))
        {
            entries.Add(Read(path, element, "ENTITY", SubjectKind.Organisation, seen));
        }
        return entries;
    }

    private static WatchlistEntry Read(string path, XElement element, string prefix, SubjectKind kind, HashSet<string> seen)
    {
        var reference = Text(element.Element("REFERENCE_NUMBER"));
        if (reference is null)
        {
            throw Fault(path, element, $"{prefix} without a REFERENCE_NUMBER");
        }
        if (!seen.Add(reference))
        {
            throw Fault(path, element, $"reference {reference} is listed twice");
        }
        var nameParts = new[] { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" }.Select(n => Text(element.Element(n))).Where(p => p is not null);
        var name = string.Join(' ', nameParts);
        if (name.Length == 0)
        {
            throw Fault(path, element, $"{reference} has no name");
        }
        var aliases = new List<string>();
        // A few entities list two names in one, "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)".
        var names = name.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length > 1)
        {
            name = names[0];
            foreach (var other in names.Skip(1))
            {
                AddDistinct(aliases, other, name);
            }
        }
        foreach (var alias in element.Elements(prefix + "_ALIAS"))
        {
            AddDistinct(aliases, Text(alias.Element("ALIAS_NAME")), name);
        }
        AddDistinct(aliases, Text(element.Element("NAME_ORIGINAL_SCRIPT")), name);
        var addresses = new List<string>();
        var countries = new List<string>();
        foreach (var address in element.Elements(prefix + "_ADDRESS"))
        {
            var line = string.Join(", ", new[] { "STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY" }.Select(n => Text(address.Element(n))).Where(p => p is not null));
            if (line.Length > 0)
            {
                addresses.Add(line);
            }
            AddDistinct(countries, Text(address.Element("COUNTRY")), null);
        }
        foreach (var nationality in element.Elements("NATIONALITY").Elements("VALUE"))
        {
            AddDistinct(countries, Text(nationality), null);
        }
        var identifiers = new List<PartyIdentifier>();
        foreach (var document in element.Elements(prefix + "_DOCUMENT"))
        {
            var number = Text(document.Element("NUMBER"));
            if (number is null || number.Length > 64)
            {
                continue;
            }
            var type = Text(document.Element("TYPE_OF_DOCUMENT")) ?? "";
            var scheme = type.Contains("passport", StringComparison.OrdinalIgnoreCase) ? "PASSPORT"
                : type.Contains("national identification", StringComparison.OrdinalIgnoreCase) ? "NATIONAL-ID"
                : type.Contains("tax", StringComparison.OrdinalIgnoreCase) ? "TIN"
                : "DOCUMENT";
            identifiers.Add(new PartyIdentifier(scheme, number));
        }
        var remarks = Text(element.Element("COMMENTS1"));
        RemarkIdentifiers.AddTo(remarks, identifiers);
        var programs = Text(element.Element("UN_LIST_TYPE"));
        return new WatchlistEntry(ListName, reference, kind, name, aliases, addresses, countries, identifiers, programs, remarks);
    }

    private static void AddDistinct(List<string> into, string? value, string? notEqualTo)
    {
        if (value is not null && !string.Equals(value, notEqualTo, StringComparison.OrdinalIgnoreCase) && !into.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            into.Add(value);
        }
    }

    private static string? Text(XElement? element)
    {
        var value = element?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static WatchlistFormatException Fault(string path, XElement element, string problem)
    {
        var info = (IXmlLineInfo)element;
        return new WatchlistFormatException(path, info.LineNumber, info.LinePosition, problem);
    }
}
