using System.Globalization;
using OpenCts.Domain.Common;

namespace OpenCts.Commerce;

/// <summary>A settings, exchange-rate or IPR register file that cannot be read, with the place of the fault: file, line and field.</summary>
/// <remarks>The message reads <c>settings.json:12: $.vatRate: must be a number from 0 to 1</c>, so a person can go straight to the place.</remarks>
public sealed class CommerceFileException : InputFormatException
{
    public CommerceFileException(string file, int line, string field, string problem)
        : base(Format(file, line, field, problem), file, line, 0, field, problem)
    {
    }

    public CommerceFileException()
    {
    }

    public CommerceFileException(string message)
        : base(message)
    {
    }

    public CommerceFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private static string Format(string file, int line, string field, string problem)
    {
        var place = line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)}:{line}") : Path.GetFileName(file);
        return field.Length > 0 ? $"{place}: {field}: {problem}" : $"{place}: {problem}";
    }
}
