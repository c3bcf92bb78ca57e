using System.Text;
using System.Text.Json;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Csv;
using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Iata;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.Wco;
using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Targeting.Profiles.Json;
using OpenCts.Targeting.Profiles.Syntax;
using OpenCts.Tests.Shared;

namespace OpenCts.Fuzz;

/// <summary>Every fuzz target: each message format, format recognition over all of them, and the profile language in its text and JSON forms.</summary>
public static class FuzzTargets
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The targets by name.</summary>
    public static IReadOnlyDictionary<string, FuzzTarget> All { get; } = new FuzzTarget[]
    {
        Format("cuscar", () => new CuscarFormat(), "messages", ".edi"),
        Format("cargo-xml", () => new CargoXmlFormat(), "messages", ".xml"),
        Format("cargo-imp", () => new CargoImpFormat(), "messages", ".txt"),
        Format("wco-json", () => new WcoJsonFormat(), "messages", ".json"),
        Format("json", () => new JsonMessageFormat(), "consignments", ".json"),
        Format("csv", () => new CsvMessageFormat(), "consignments", ".csv"),
        new("recognise", RecogniseAndParse, samples => Files(samples, "messages", "").Concat(Files(samples, "consignments", ".csv"))),
        new("profile", ProfileText, samples => Criteria(samples).Select(c => (c.Id, Encoding.UTF8.GetBytes(c.Text)))),
        new("profile-json", ProfileJsonForm, samples => Criteria(samples).Select(c => (c.Id, Encoding.UTF8.GetBytes(ProfileJson.ToJson(ProfileParser.Parse(c.Text)).ToJsonString())))),
        // PLATFORM-ORDERS: the e-commerce platform-order parser (src/OpenCts.Ingestion/PlatformOrders) is not on this
        // branch yet. When it lands, add its target here as the others are made:
        //     Format("platform-orders", new PlatformOrderFormat(), "<its samples folder>", "<its extension>"),
        // and add "platform-orders" to TARGETS in tests/fuzz/fuzz.sh; its corpus goes to tests/OpenCts.Fuzz.Tests/Corpus/platform-orders.
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <remarks>
    /// The format is made on first use: code of the instrumented assemblies may run only inside the fuzzing loop, where
    /// SharpFuzz has set up the coverage map, so nothing of theirs runs when the targets are listed.
    /// </remarks>
    private static FuzzTarget Format(string name, Func<IMessageFormat> create, string folder, string extension)
    {
        var format = new Lazy<IMessageFormat>(create);
        return new(name, input => ParseAll(format.Value, input), samples => Files(samples, folder, extension).Where(f => format.Value.Recognises(f.Name, f.Content)));
    }

    /// <summary>Parses with one format and touches every part of the result, as the store would.</summary>
    private static void ParseAll(IMessageFormat format, byte[] input)
    {
        format.Recognises("fuzz", input);
        var messages = format.Parse("fuzz", input, ReceivedAt, CancellationToken.None);
        foreach (var message in messages)
        {
            // A rejected message must say why; a message with no error must have something to store.
            if (message.IsRejected && message.Issues.Count == 0)
            {
                throw new InvalidOperationException("a rejected message without issues");
            }
            foreach (var issue in message.Issues)
            {
                _ = issue.ToString();
            }
            foreach (var consignment in message.Consignments)
            {
                _ = consignment.ToString();
            }
        }
    }

    private static void RecogniseAndParse(byte[] input)
    {
        if (MessageFormats.All.Recognise("fuzz", input) is { } format)
        {
            ParseAll(format, input);
        }
    }

    /// <summary>Checks the text; when it is sound, compiles it, runs it over a consignment and explains the result.</summary>
    private static void ProfileText(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var errors = ProfileCompiler.Check(text);
        if (errors.Count > 0)
        {
            return;
        }
        CompiledCriteria compiled;
        try
        {
            compiled = Evaluation.Compiler.Compile(text);
        }
        catch (ProfileException)
        {
            // An unknown list name passes Check without an environment and fails here: a documented result.
            return;
        }
        Evaluate(compiled);
        // The printed text parses back to a tree that prints the same.
        var printed = ProfilePrinter.Print(compiled.Syntax);
        if (ProfilePrinter.Print(ProfileParser.Parse(printed)) != printed)
        {
            throw new InvalidOperationException("the printed criteria do not print the same after parsing: " + printed);
        }
    }

    private static void ProfileJsonForm(byte[] input)
    {
        ProfileExpr syntax;
        try
        {
            syntax = ProfileJson.FromJson(Encoding.UTF8.GetString(input));
        }
        catch (FormatException)
        {
            return;
        }
        if (ProfileCompiler.Check(syntax).Count > 0)
        {
            return;
        }
        try
        {
            Evaluate(Evaluation.Compiler.Compile(syntax));
        }
        catch (ProfileException)
        {
            return;
        }
    }

    private static void Evaluate(CompiledCriteria compiled)
    {
        compiled.Matches(Evaluation.Sample, Evaluation.Context);
        compiled.Explain(Evaluation.Sample, Evaluation.Context);
    }

    private static IEnumerable<(string Name, byte[] Content)> Files(string samples, string folder, string extension) =>
        Directory.EnumerateFiles(Path.Combine(samples, folder))
            .Where(f => f.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)));

    private static IEnumerable<(string Id, string Text)> Criteria(string samples)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(samples, "profiles", "national-profiles.json")));
        return document.RootElement.GetProperty("profiles").EnumerateArray()
            .Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("criteria").GetString()!))
            .ToList();
    }

    /// <summary>What compiled criteria run against, made on first use (inside the fuzzing loop, see <see cref="Format"/>).</summary>
    private static class Evaluation
    {
        public static readonly Consignment Sample = SampleConsignments.Sample();
        public static readonly EvaluationContext Context = new EvaluationContext(TimeProvider.System).At(ReceivedAt);
        public static readonly ProfileCompiler Compiler = new(new ProfileEnvironment(
            new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal) { ["cocaine-source-countries"] = ["CO", "EC", "PE"], ["hubs"] = ["PA"] }));
    }
}
