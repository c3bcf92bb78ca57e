using OpenCts.Application;
using OpenCts.Domain.Examinations;
using OpenCts.Storage.Examinations;

namespace OpenCts.Server.Pages.Examinations;

/// <summary>The examination result form, as the examinations page and the consignment page post it.</summary>
public sealed class ResultForm
{
    public string? Outcome { get; set; }

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    public decimal? Quantity { get; set; }

    public string? Comment { get; set; }

    /// <summary>The key the form was rendered with, so that a form sent twice (a double click, a reload) records its result once.</summary>
    public string? ResultId { get; set; }

    /// <summary>Records the result through the application core, once under the form's key when it has one; null when the document is unknown.</summary>
    /// <exception cref="OpenCts.Domain.Common.DomainException">A field is not valid; it is named.</exception>
    /// <exception cref="OpenCts.Storage.StoreConflictException">The form's key was sent before with other values.</exception>
    public async Task<RecordedExamination?> RecordAsync(CtsApplication application, string document, CancellationToken cancellationToken)
    {
        var currency = string.IsNullOrWhiteSpace(Currency) ? null : Currency.Trim().ToUpperInvariant();
        var comment = string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim();
        if (!string.IsNullOrWhiteSpace(ResultId))
        {
            return await application.ExaminationResults.RecordOnceAsync(ResultId.Trim(), "resultId", document, Outcome, Amount, currency, Quantity, comment, cancellationToken).ConfigureAwait(false);
        }
        // A form rendered before forms carried a key.
        return await application.ExaminationResults.RecordAsync(document, Outcome, Amount, currency, Quantity, comment, cancellationToken).ConfigureAwait(false) is { } result
            ? new RecordedExamination(result, false)
            : null;
    }
}

/// <summary>The result form of one document as the partial renders it.</summary>
/// <param name="Document">The document key.</param>
/// <param name="Number">The document number, naming the form.</param>
/// <param name="DocumentField">Whether the key travels in a field (the examinations page) rather than in the route (the consignment page).</param>
/// <param name="Form">The values to show again after an error.</param>
public sealed record ResultFormView(string Document, string Number, bool DocumentField, ResultForm Form);
