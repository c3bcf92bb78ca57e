using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Collects the issues of one message, each with its place: interchange, message, segment, element, component and line.</summary>
internal sealed class EdifactIssues(string fileName, EdifactTokenizer tokenizer, int maxIssues = 100)
{
    private readonly List<IngestionIssue> _issues = [];

    public string Interchange { get; set; } = "?";

    public string Message { get; set; } = "?";

    public bool HasErrors { get; private set; }

    public List<IngestionIssue> Items => _issues;

    /// <summary>Starts over for the next message (its issues were handed on as a copy).</summary>
    public void Reset(string interchange, string message)
    {
        _issues.Clear();
        HasErrors = false;
        Interchange = interchange;
        Message = message;
    }

    /// <summary>The place of the current segment, or of one of its components (elements from 1 after the tag, components from 1).</summary>
    public string Here(int segmentNumber, int element = 0, int component = 0) =>
        At(segmentNumber, tokenizer.Tag, tokenizer.SegmentStart, element, component);

    public string At(int segmentNumber, string tag, int offset, int element = 0, int component = 0)
    {
        var place = $"{fileName}: interchange {Interchange}, message {Message}, segment {segmentNumber} ({tag})";
        if (element > 0)
        {
            place += $", element {element}";
            if (component > 0)
            {
                place += $", component {component}";
            }
        }
        return place + $", line {tokenizer.LineOf(offset)}";
    }

    public string Envelope(int segmentNumber) =>
        $"{fileName}: interchange {Interchange}, segment {segmentNumber} ({tokenizer.Tag}), line {tokenizer.LineOf(tokenizer.SegmentStart)}";

    public void Error(string where, string message) => Add(IssueSeverity.Error, where, message);

    public void Warning(string where, string message) => Add(IssueSeverity.Warning, where, message);

    public void Add(IssueSeverity severity, string where, string message)
    {
        HasErrors |= severity == IssueSeverity.Error;
        if (_issues.Count < maxIssues)
        {
            _issues.Add(new IngestionIssue(severity, where, message));
        }
        else if (_issues.Count == maxIssues)
        {
            _issues.Add(new IngestionIssue(severity, where, $"more than {maxIssues} issues; the rest are not listed"));
        }
    }
}
