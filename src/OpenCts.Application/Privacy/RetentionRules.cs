using OpenCts.Domain.Common;

namespace OpenCts.Application.Privacy;

/// <summary>The retention rules of a store, one per kind of record, as kept in a rules file: <c>KIND PERIOD</c> a line, <c>#</c> comments.</summary>
public static class RetentionRules
{
    /// <summary>The rules file a data folder may hold.</summary>
    public const string FileName = "retention.rules";

    /// <summary>Reads rules text; <paramref name="file"/> names the source in errors.</summary>
    /// <exception cref="InputFormatException">A line is not a rule, or a kind has two rules; the message names the file and the line.</exception>
    public static IReadOnlyList<RetentionRule> Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new List<RetentionRule>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = (hash >= 0 ? line[..hash] : line).Trim();
            if (content.Length == 0)
            {
                continue;
            }
            var rule = RetentionRule.Parse(content, $"{file}:{i + 1}");
            Add(rules, rule, $"{file}:{i + 1}");
        }
        return rules;
    }

    /// <summary>Adds a rule, refusing a second one for the same kind.</summary>
    /// <exception cref="InputFormatException">The kind already has a rule.</exception>
    public static void Add(List<RetentionRule> rules, RetentionRule rule, string place)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(rule);
        if (rules.Any(r => r.Kind == rule.Kind))
        {
            throw new InputFormatException($"{place}: a second rule for {rule.Kind}; keep one period per kind of record", problem: "duplicate kind");
        }
        rules.Add(rule);
    }
}
