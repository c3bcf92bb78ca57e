using System.Text.RegularExpressions;
using OpenCts.Tests.Shared;

namespace OpenCts.Fuzz.Tests;

/// <summary>Every test <c>docs/SECURITY.md</c> cites exists under <c>tests/</c>, so the threat model cannot rot when tests are renamed or removed.</summary>
/// <remarks>
/// A citation is a backtick span <c>Project: Class.Method</c>, <c>Class.Method</c> or <c>Class.*</c> (the document's
/// header says so). It is checked against the source rather than by reflection, because the cited tests live in every
/// test project and this one references none of them. A span that looks like a test but is not cited that way (a bare
/// method, a bare class, a test folder) is an error too: it could not be checked.
/// </remarks>
public sealed partial class SecurityDocumentTests
{
    private static string Root => RepositoryData.RepositoryRoot;

    [Fact]
    public void Every_test_the_security_document_cites_exists()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "SECURITY.md"));
        var (citations, faults) = Check(text, Path.Combine(Root, "tests"));
        // The document cites dozens of tests; finding only a few means the citation syntax changed under this test.
        Assert.True(citations >= 60, $"only {citations} citations found in docs/SECURITY.md");
        Assert.True(faults.Count == 0, "docs/SECURITY.md cites what tests/ does not have:\n" + string.Join("\n", faults));
    }

    [Theory]
    [InlineData("`OpenCts.Fuzz.Tests: CorpusReplayTests.A_test_no_one_wrote`", "has no method A_test_no_one_wrote")]
    [InlineData("`NoSuchTests.Anything`", "no class declares NoSuchTests in tests/")]
    [InlineData("`OpenCts.Ledger.Tests: CorpusReplayTests.Every_corpus_folder_belongs_to_a_target`", "no class declares CorpusReplayTests in tests/OpenCts.Ledger.Tests")]
    [InlineData("`Every_corpus_folder_belongs_to_a_target`", "without its class")]
    [InlineData("`tests/OpenCts.Server.Tests/Abuse`", "a folder, not a test")]
    public void A_citation_that_cannot_be_found_is_named_with_its_line(string citation, string fault)
    {
        var (_, faults) = Check("# title\n\n- a promise: " + citation + "\n", Path.Combine(Root, "tests"));
        var only = Assert.Single(faults);
        Assert.StartsWith("line 3: ", only, StringComparison.Ordinal);
        Assert.Contains(fault, only, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_citations_of_each_form_are_found()
    {
        var (citations, faults) = Check(
            "`OpenCts.Fuzz.Tests: CorpusReplayTests.Every_corpus_folder_belongs_to_a_target`, `SecurityDocumentTests.Every_test_the_security_document_cites_exists`, `FaultsFoundByFuzzingTests.*`",
            Path.Combine(Root, "tests"));
        Assert.Equal(3, citations);
        Assert.Empty(faults);
    }

    private static (int Citations, List<string> Faults) Check(string document, string tests)
    {
        var sources = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path: f, Text: File.ReadAllText(f)))
            .ToList();
        var citations = 0;
        var faults = new List<string>();
        var lines = document.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match span in Span().Matches(lines[i]))
            {
                var content = span.Groups[1].Value;
                if (Citation().Match(content) is { Success: true } cite)
                {
                    citations++;
                    if (Fault(sources, tests, cite) is { } fault)
                    {
                        faults.Add($"line {i + 1}: `{content}`: {fault}");
                    }
                }
                else if (content.StartsWith("tests/OpenCts.", StringComparison.Ordinal))
                {
                    faults.Add($"line {i + 1}: `{content}` is a folder, not a test; cite `Class.Method`");
                }
                else if (BareTest().IsMatch(content))
                {
                    faults.Add($"line {i + 1}: `{content}` names a test without its class; cite `Class.Method`");
                }
            }
        }
        return (citations, faults);
    }

    private static string? Fault(List<(string Path, string Text)> sources, string tests, Match cite)
    {
        var project = cite.Groups["project"].Value;
        var name = cite.Groups["class"].Value;
        var method = cite.Groups["method"].Value;
        var folder = project.Length > 0 ? Path.Combine(tests, project) + Path.DirectorySeparatorChar : tests;
        var declaration = new Regex($@"\bclass\s+{name}\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var files = sources.Where(s => s.Path.StartsWith(folder, StringComparison.Ordinal) && declaration.IsMatch(s.Text)).ToList();
        if (files.Count == 0)
        {
            return project.Length > 0 ? $"no class declares {name} in tests/{project}" : $"no class declares {name} in tests/";
        }
        if (method == "*")
        {
            return files.Any(f => f.Text.Contains("[Fact", StringComparison.Ordinal) || f.Text.Contains("[Theory", StringComparison.Ordinal))
                ? null : $"class {name} has no test";
        }
        var definition = new Regex($@"public\s+(?:async\s+)?(?:void|Task|ValueTask)\s+{method}\s*\(", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return files.Any(f => definition.IsMatch(f.Text)) ? null : $"class {name} has no method {method}";
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Span();

    [GeneratedRegex(@"^(?:(?<project>OpenCts\.[A-Za-z.]+\.Tests): )?(?<class>[A-Z]\w*Tests)\.(?<method>[A-Za-z_]\w*|\*)$")]
    private static partial Regex Citation();

    /// <summary>A sentence-named method (three underscores or more), or a name ending in Tests, standing alone.</summary>
    [GeneratedRegex(@"^(?:OpenCts\.[A-Za-z.]+\.Tests: )?(?:\w+Tests|[A-Za-z0-9]+(?:_[A-Za-z0-9]+){3,})$")]
    private static partial Regex BareTest();
}
