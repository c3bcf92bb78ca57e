using OpenCts.Domain.Examinations;
using OpenCts.RiskModel.Declarations;
using OpenCts.RiskModel.Scoring;
using OpenCts.Storage;
using OpenCts.Storage.Examinations;

namespace OpenCts.Application.Model;

/// <summary>Joins the store's examination results to their consignments: the training rows of live data.</summary>
public static class StoredExaminations
{
    public sealed record Result(IReadOnlyList<ExaminedDeclaration> Rows, int Examinations, int Missing);

    public static async Task<Result> TrainingRowsAsync(ICtsStore store, CancellationToken cancellationToken)
    {
        // The latest result per consignment counts: a re-examination corrects the first.
        var latest = new Dictionary<string, ExaminationResult>(StringComparer.Ordinal);
        foreach (var result in await store.Examinations.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            latest[result.DocumentKey] = result;
        }
        var rows = new List<ExaminedDeclaration>();
        var missing = 0;
        foreach (var (key, result) in latest.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var versions = await store.Messages.VersionsAsync(key, cancellationToken).ConfigureAwait(false);
            if (versions.Count == 0)
            {
                missing++;
                continue;
            }
            var consignment = versions[^1].Consignment;
            var irregular = result.Outcome == ExaminationOutcome.Irregular;
            foreach (var declaration in ConsignmentDeclarations.From(consignment, DateOnly.FromDateTime(result.ExaminedAt.UtcDateTime)))
            {
                rows.Add(new ExaminedDeclaration(declaration, irregular, CriticalFraud: false));
            }
        }
        return new Result(rows, latest.Count, missing);
    }
}
