using System.Text;
using System.Text.Json;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Csv;
using OpenCts.Ingestion.Edifact;
using OpenCts.Ingestion.Iata;
using OpenCts.Ingestion.Json;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.PlatformOrders;
using OpenCts.Ingestion.Wco;
using OpenCts.Targeting.Profiles.Compilation;
using OpenCts.Targeting.Profiles.Json;
using OpenCts.Targeting.Profiles.Syntax;
using OpenCts.Tests.Shared;

namespace OpenCts.Fuzz;

/// <summary>Every fuzz target: each message format, format recognition over all of them, the profile language in its text and JSON forms, and the platform-order reader.</summary>
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
        new("platform-orders", PlatformOrders, samples => Files(samples, "platform-orders", ".json")),
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

    /// <summary>
    /// Reads a platform order file and touches every order and error; each error must have a place, and the good orders,
    /// written and read back, must be the same orders.
    /// </summary>
    /// <remarks>
    /// Orders hold lists, so record equality would compare references: "the same orders" is checked as the same bytes
    /// when the orders read back are written again.
    /// </remarks>
    private static void PlatformOrders(byte[] input)
    {
        var file = PlatformOrderReader.Read(input, "fuzz");
        foreach (var error in file.Errors)
        {
            if (error.Line < 1 || error.Column < 1 || !error.Path.StartsWith('$'))
            {
                throw new InvalidOperationException($"an error without a place: line {error.Line}, column {error.Column}, path '{error.Path}': {error.Message}");
            }
            _ = error.ToString();
        }
        foreach (var order in file.Orders)
        {
            _ = order.ToString();
        }
        if (file.Orders.Count == 0 || file.Platform is null)
        {
            return;
        }
        var written = WritePlatformOrders(file.Platform, file.Orders);
        var again = PlatformOrderReader.Read(written, "fuzz-written");
        if (!again.IsClean)
        {
            throw new InvalidOperationException("the written orders do not read back cleanly: " + again.Errors[0]);
        }
        if (again.Platform != file.Platform || again.Orders.Count != file.Orders.Count)
        {
            throw new InvalidOperationException($"the written orders read back as {again.Orders.Count} orders of '{again.Platform}', not {file.Orders.Count} of '{file.Platform}'");
        }
        if (!WritePlatformOrders(again.Platform, again.Orders).AsSpan().SequenceEqual(written))
        {
            throw new InvalidOperationException("the orders read back from what was written differ from the orders written");
        }
    }

    private static byte[] WritePlatformOrders(string platform, IEnumerable<OpenCts.Domain.Commerce.PlatformOrder> orders)
    {
        using var stream = new MemoryStream();
        PlatformOrderWriter.Write(stream, platform, orders, indented: false);
        return stream.ToArray();
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
