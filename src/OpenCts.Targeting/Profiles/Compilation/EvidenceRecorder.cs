using System.Globalization;
using System.Runtime.InteropServices;
using OpenCts.Domain.Common;
using OpenCts.Domain.Assessments;
using OpenCts.Targeting.Profiles.Fields;

namespace OpenCts.Targeting.Profiles.Compilation;

/// <summary>Collects the criteria a consignment met while the instrumented form of a profile runs on a hit.</summary>
/// <remarks>
/// Evidence from a branch that failed (an <c>or</c> side, a goods item that did not meet every criterion) is dropped
/// with <see cref="Keep"/>, so only the values that made the hit remain.
/// </remarks>
public sealed class EvidenceRecorder
{
    private readonly List<Evidence> _items = [];

    public IReadOnlyList<Evidence> Items => _items;

    public int Mark() => _items.Count;

    internal EvidenceRecorder Reset()
    {
        _items.Clear();
        return this;
    }

    /// <summary>The evidence recorded, copied once into the immutable list a reason keeps.</summary>
    internal ValueList<Evidence> ToValueList() => ValueList.Create(CollectionsMarshal.AsSpan(_items));

    /// <summary>Returns the result, dropping evidence recorded since the mark when it is false.</summary>
    public bool Keep(int mark, bool result)
    {
        if (!result && _items.Count > mark)
        {
            _items.RemoveRange(mark, _items.Count - mark);
        }
        return result;
    }

    /// <summary>Records one criterion that held.</summary>
    public void Add(string criterion, string collection, int index, string field, object? value, ProfileType type)
    {
        var path = index < 0 ? field : field.Length == 0 ? $"{collection}[{index}]" : $"{collection}[{index}].{field}";
        _items.Add(new Evidence(criterion, path, Format(value, type)));
    }

    internal static string Format(object? value, ProfileType type) => value switch
    {
        null => "(none)",
        double d when double.IsNaN(d) => "(none)",
        double d when type == ProfileType.Date => DateTimeOffset.FromUnixTimeMilliseconds((long)(d * 1000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double d when type == ProfileType.Duration => TimeSpan.FromSeconds(d).ToString("c", CultureInfo.InvariantCulture),
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Domain.Consignments.Party p => p.Name,
        Domain.Common.ValueList<Domain.Values.CountryCode> route => string.Join(" ", route.Select(c => c.Value)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
