using OpenCts.Pipeline.Bench;

namespace OpenCts.Cli.Pipeline;

/// <summary>The JSON that <c>cts bench pipeline --json</c> writes: the keys at the top (from the largest bulk run), each run in full below.</summary>
internal static class BulkJson
{
    public static object Document(PipelineBenchCommand.Settings settings, IReadOnlyList<BulkFigures> bulk, IReadOnlyList<PipelineRun> runs)
    {
        var largest = bulk.Count == 0 ? null : bulk.MaxBy(b => b.Consignments);
        return new
        {
            cores = Environment.ProcessorCount,
            kind = settings.Kind,
            endToEndConsignmentsPerSecond = Round(largest?.EndToEndConsignmentsPerSecond),
            peakWorkingSetMegabytes = Round(largest?.PeakWorkingSetMegabytes),
            storeBytesPerConsignment = Round(largest?.StoreBytesPerConsignment),
            reassessConsignmentsPerSecond = Round(largest?.ReassessConsignmentsPerSecond),
            bulk = bulk.Select(b => new
            {
                kind = b.Kind,
                consignments = b.Consignments,
                inputBytes = b.InputBytes,
                seconds = Round(b.Seconds),
                endToEndConsignmentsPerSecond = Round(b.EndToEndConsignmentsPerSecond),
                bounds = new
                {
                    readConsignmentsPerSecond = Round(b.ReadConsignmentsPerSecond),
                    readMegabytesPerSecond = Round(b.ReadMegabytesPerSecond),
                    sqliteRowsPerSecond = Round(b.SqliteRowsPerSecond),
                    compressedRawBytesPerConsignment = Round(b.CompressedRawBytesPerConsignment),
                    engineConsignmentsPerSecond = Round(b.EngineConsignmentsPerSecond),
                },
                ratios = new
                {
                    endToEndToRead = Ratio(b.EndToEndConsignmentsPerSecond, b.ReadConsignmentsPerSecond),
                    endToEndToSqliteRows = Ratio(b.EndToEndConsignmentsPerSecond, b.SqliteRowsPerSecond),
                    storeToCompressedRaw = Ratio(b.StoreBytesPerConsignment, b.CompressedRawBytesPerConsignment),
                    reassessToEngine = Ratio(b.ReassessConsignmentsPerSecond, b.EngineConsignmentsPerSecond),
                },
                peakWorkingSetMegabytes = Round(b.PeakWorkingSetMegabytes),
                storeBytesPerConsignment = Round(b.StoreBytesPerConsignment),
                checkpointBytesPerConsignment = Round(b.CheckpointBytesPerConsignment),
                reassessSeconds = Round(b.ReassessSeconds),
                reassessConsignmentsPerSecond = Round(b.ReassessConsignmentsPerSecond),
                reassessChangedAssessments = b.ReassessChangedAssessments,
            }),
            // The scale-out runs: one object per configuration, as before.
            consignments = settings.Consignments,
            runs = runs.Select(r => new
            {
                name = r.Name,
                store = r.Workers == 0 ? "sqlite" : "postgres",
                workers = r.Workers,
                seconds = Math.Round(r.Elapsed.TotalSeconds, 3),
                endToEndConsignmentsPerSecond = Math.Round(r.EndToEndConsignmentsPerSecond, 1),
            }),
        };
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    private static double Ratio(double figure, double bound) => bound > 0 ? Math.Round(figure / bound, 4) : 0;
}
