using OpenCts.Application.Common;
using OpenCts.Domain.Common;
using OpenCts.Domain.Examinations;
using OpenCts.Domain.Values;
using OpenCts.Storage;

namespace OpenCts.Application.Examinations;

/// <summary>Records one examination result as an examiner reports it, in the officers' terms (no find, seizure, ...).</summary>
public sealed class ExaminationRecording(ICtsStore store, Commerce.CommerceHost commerce)
{
    /// <summary>Checks and records a result on a stored consignment; null when the store has no such document.</summary>
    /// <exception cref="DomainException">A field is not valid; it is named.</exception>
    public async Task<ExaminationResult?> RecordAsync(string? documentKey, string? finding, decimal? amount, string? currency, decimal? quantity, string? comment, CancellationToken cancellationToken)
    {
        Fields.Required(documentKey, "document", 256);
        if (finding is null || !ExaminationFindings.All.Contains(finding, StringComparer.Ordinal))
        {
            throw new DomainException("outcome", $"'{finding}' is not an outcome; one of {string.Join(", ", ExaminationFindings.All)}");
        }
        Fields.NotNegative(amount, "amount");
        Fields.NotNegative(quantity, "quantity");
        if (currency is not null && !CurrencyCode.TryParse(currency, out _, out var error))
        {
            throw new DomainException("currency", error);
        }
        if (amount is > 0 && currency is null)
        {
            throw new DomainException("currency", "is required with an amount");
        }
        Fields.Optional(comment, "comment", 4000);
        if ((await store.Messages.VersionsAsync(documentKey!, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            return null;
        }
        var result = new ExaminationResult(documentKey!, ExaminationFindings.OutcomeOf(finding), amount ?? 0, store.Clock.GetUtcNow(), comment, finding, currency, quantity);
        await store.Examinations.RecordAsync([result], cancellationToken).ConfigureAwait(false);
        commerce.RecordExaminations([result]);
        return result;
    }
}
