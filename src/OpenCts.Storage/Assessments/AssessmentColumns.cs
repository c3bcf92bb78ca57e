using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Serialization;

namespace OpenCts.Storage.Assessments;

/// <summary>Reads an assessment as both backends store it, from six columns in the order document key, version, score, lane, assessed at, reasons.</summary>
public static class AssessmentColumns
{
    /// <summary>The columns, as a select list of the <c>assessments</c> table.</summary>
    public const string Select = "document_key, consignment_version, score, lane, assessed_at, reasons";

    /// <summary>The assessment whose six columns start at <paramref name="first"/>.</summary>
    /// <param name="reader">The reader, on the row.</param>
    /// <param name="first">The ordinal of the first of the six columns.</param>
    /// <param name="reasons">Reads the reasons' JSON text from its column where a backend keeps it in a form of its own; by default the column is the text.</param>
    public static Assessment Read(DbDataReader reader, int first, Func<DbDataReader, int, string>? reasons = null) => new(
        reader.GetString(first),
        reader.GetInt32(first + 1),
        reader.GetDouble(first + 2),
        Enum.Parse<Lane>(reader.GetString(first + 3)),
        JsonSerializer.Deserialize<ValueList<Reason>>(reasons is null ? reader.GetString(first + 5) : reasons(reader, first + 5), DomainJson.Options),
        DateTimeOffset.Parse(reader.GetString(first + 4), CultureInfo.InvariantCulture));
}
