using OpenCts.Application.Common;
using OpenCts.Domain.Common;
using OpenCts.Domain.Examinations;
using OpenCts.Domain.Values;
using OpenCts.Storage;
using OpenCts.Storage.Examinations;

namespace OpenCts.Application.Examinations;

/// <summary>Records one examination result as an examiner reports it, in the officers' terms (no find, seizure, ...).</summary>
public sealed class ExaminationRecording(ICtsStore store, Commerce.CommerceHost commerce)
{
    /// <summary>Checks and records a result on a stored consignment; null when the store has no such document.</summary>
    /// <exception cref="DomainException">A field is not valid; it is named.</exception>
    public async Task<ExaminationResult?> RecordAsync(string? documentKey, string? finding, decimal? amount, string? currency, decimal? quantity, string? comment, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(documentKey, finding, amount, currency, quantity, comment, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return null;
        }
        await store.Examinations.RecordAsync([result], cancellationToken).ConfigureAwait(false);
        commerce.RecordExaminations([result]);
        return result;
    }

    /// <summary>Checks and records a result that its client named with a key, once: a retry under the same key is answered with the first result.</summary>
    /// <param name="resultKey">The client's key for the result (an <c>Idempotency-Key</c> or a result id), checked by <see cref="ResultKeys.Check"/>.</param>
    /// <param name="keyField">The field the key came in, named when it is not valid.</param>
    /// <param name="documentKey">The consignment's document key.</param>
    /// <param name="finding">One of <see cref="ExaminationFindings.All"/>.</param>
    /// <param name="amount">The amount involved.</param>
    /// <param name="currency">The amount's currency, required with an amount.</param>
    /// <param name="quantity">How much was seized or detained.</param>
    /// <param name="comment">What the examiner found.</param>
    /// <param name="cancellationToken">Stops before the write.</param>
    /// <returns>The result as stored (the first one under the key) and whether it was stored before; null when the store has no such document.</returns>
    /// <exception cref="DomainException">A field is not valid; it is named.</exception>
    /// <exception cref="StoreConflictException">The key names another result already recorded; the key is named and nothing is recorded.</exception>
    public async Task<RecordedExamination?> RecordOnceAsync(string? resultKey, string keyField, string? documentKey, string? finding, decimal? amount, string? currency, decimal? quantity, string? comment, CancellationToken cancellationToken)
    {
        var key = ResultKeys.Check(resultKey, keyField);
        var result = await CheckAsync(documentKey, finding, amount, currency, quantity, comment, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return null;
        }
        var fingerprint = ResultKeys.OfReport(result.DocumentKey, result.Finding!, amount, currency, quantity, comment);
        var recorded = (await store.Examinations.RecordOnceAsync([new KeyedExamination(result, key, fingerprint)], cancellationToken).ConfigureAwait(false))[0];
        if (!recorded.AlreadyRecorded)
        {
            commerce.RecordExaminations([recorded.Result]);
        }
        return recorded;
    }

    /// <summary>The result a report describes, once every field is checked; null when the store has no such document.</summary>
    private async Task<ExaminationResult?> CheckAsync(string? documentKey, string? finding, decimal? amount, string? currency, decimal? quantity, string? comment, CancellationToken cancellationToken)
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
        return new ExaminationResult(documentKey!, ExaminationFindings.OutcomeOf(finding), amount ?? 0, store.Clock.GetUtcNow(), comment, finding, currency, quantity);
    }
}
