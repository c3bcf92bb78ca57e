using System.ComponentModel;
using System.Globalization;
using OpenCts.Ingestion.Samples;
using OpenCts.Ingestion.Samples.Ecommerce;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Samples;

/// <summary><c>cts samples generate</c>: writes a realistic synthetic stream with planted risks and their ground truth.</summary>
/// <remarks>
/// <c>--kind general</c> (the default) writes sea, air, postal and express consignments with planted risks;
/// <c>--kind ecommerce</c> writes parcels with platform orders, splitting rings and planted goods lines
/// (<c>docs/platform-orders.md</c>).
/// </remarks>
internal sealed class GenerateSamplesCommand : Command<GenerateSamplesCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--kind <KIND>")]
        [Description("What to write: general (sea, air and parcels with planted risks) or ecommerce (parcels, platform orders, splitting rings, planted goods lines). Default general.")]
        [DefaultValue("general")]
        public string Kind { get; init; } = "general";

        [CommandOption("--order-share <X>")]
        [Description("With --kind ecommerce: share of parcels with a platform order (default 0.6).")]
        [DefaultValue(0.6)]
        public double OrderShare { get; init; } = 0.6;

        [CommandOption("--consignments <N>")]
        [Description("How many consignments to write (default 1000).")]
        [DefaultValue(1000)]
        public int Consignments { get; init; } = 1000;

        [CommandOption("--seed <S>")]
        [Description("Seed: the same seed writes the same stream (default 1).")]
        [DefaultValue(1)]
        public int Seed { get; init; } = 1;

        [CommandOption("--out <DIR>")]
        [Description("The folder to write into.")]
        public string Out { get; init; } = "";

        [CommandOption("--start <DATE>")]
        [Description("Departures fall in the 30 days (ecommerce: 60 days) before this date (default: today, UTC).")]
        public string? Start { get; init; }

        [CommandOption("--risk-share <X>")]
        [Description("Share of consignments with a planted risk (default 0.04).")]
        [DefaultValue(0.04)]
        public double RiskShare { get; init; } = 0.04;

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Out))
            {
                return ValidationResult.Error("--out DIR is required");
            }
            if (Kind is not ("general" or "ecommerce"))
            {
                return ValidationResult.Error($"--kind '{Kind}' is not one of general, ecommerce");
            }
            if (Kind == "general" && OrderShare != 0.6)
            {
                return ValidationResult.Error("--order-share applies to --kind ecommerce only");
            }
            if (Kind == "ecommerce" && RiskShare != 0.04)
            {
                return ValidationResult.Error("--risk-share applies to --kind general only; the e-commerce stream plants its own shares");
            }
            if (OrderShare is < 0 or > 1 || double.IsNaN(OrderShare))
            {
                return ValidationResult.Error("--order-share must lie between 0 and 1");
            }
            if (Consignments < 1)
            {
                return ValidationResult.Error("--consignments must be 1 or more");
            }
            if (RiskShare is < 0 or > 1)
            {
                return ValidationResult.Error("--risk-share must lie between 0 and 1");
            }
            if (Start is not null && !DateTimeOffset.TryParse(Start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                return ValidationResult.Error($"--start '{Start}' is not a date such as 2026-12-01");
            }
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var start = settings.Start is null
            ? new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero)
            : DateTimeOffset.Parse(settings.Start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        if (settings.Kind == "ecommerce")
        {
            return Ecommerce(settings, start);
        }
        var generator = new SampleGenerator(settings.Seed, new SampleOptions(start, settings.RiskShare));
        int messages, planted;
        try
        {
            (messages, planted) = Common.Output.WithProgress("Generating", settings.Consignments, advance =>
                SampleWriter.Write(settings.Out, generator.GenerateWithTruth(settings.Consignments).Select(g => { advance(1); return g; }), settings.Seed));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Common.Output.Error($"{settings.Out}: cannot write the samples there: {e.Message}");
            return 2;
        }
        AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{settings.Consignments}[/] consignments in {messages} messages to {settings.Out}, {planted} with planted risks (ground-truth.csv).");
        return 0;
    }

    private static int Ecommerce(Settings settings, DateTimeOffset start)
    {
        var generator = new EcommerceGenerator(settings.Seed, new EcommerceOptions(start) { OrderShare = settings.OrderShare });
        EcommerceSampleSummary summary;
        try
        {
            summary = Common.Output.WithProgress("Generating", settings.Consignments, advance =>
                EcommerceSampleWriter.Write(settings.Out, generator.Generate(settings.Consignments).Select(p => { advance(1); return p; }), settings.Seed));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Common.Output.Error($"{settings.Out}: cannot write the samples there: {e.Message}");
            return 2;
        }
        AnsiConsole.MarkupLineInterpolated(
            $"Wrote [bold]{summary.Parcels}[/] parcels in {summary.Messages} messages and {summary.Orders} platform orders in {summary.OrderFiles} files to {settings.Out}; {summary.RingParcels} parcels to splitting rings, {summary.PlantedLines} planted goods lines ({EcommerceSampleWriter.ParcelsTruthFile}, {EcommerceSampleWriter.LinesTruthFile}, {EcommerceSampleWriter.PartiesTruthFile}).");
        return 0;
    }
}

/// <summary>Registers <c>cts samples</c>.</summary>
internal static class SamplesCommands
{
    public static void AddSamplesCommands(this IConfigurator config) =>
        config.AddBranch("samples", samples =>
        {
            samples.SetDescription("Synthetic sample data.");
            samples.AddCommand<GenerateSamplesCommand>("generate").WithDescription("Write a realistic synthetic stream with planted risks and their ground truth.");
        });
}
