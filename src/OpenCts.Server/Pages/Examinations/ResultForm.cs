using OpenCts.Application;
using OpenCts.Domain.Examinations;

namespace OpenCts.Server.Pages.Examinations;

/// <summary>The examination result form, as the examinations page and the consignment page post it.</summary>
public sealed class ResultForm
{
    public string? Outcome { get; set; }

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    public decimal? Quantity { get; set; }

    public string? Comment { get; set; }

    /// <summary>Records the result through the application core; null when the document is unknown.</summary>
    /// <exception cref="OpenCts.Domain.Common.DomainException">A field is not valid; it is named.</exception>
    public Task<ExaminationResult?> RecordAsync(CtsApplication application, string document, CancellationToken cancellationToken) =>
        application.ExaminationResults.RecordAsync(
            document,
            Outcome,
            Amount,
            string.IsNullOrWhiteSpace(Currency) ? null : Currency.Trim().ToUpperInvariant(),
            Quantity,
            string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim(),
            cancellationToken);
}

/// <summary>The result form of one document as the partial renders it.</summary>
/// <param name="Document">The document key.</param>
/// <param name="Number">The document number, naming the form.</param>
/// <param name="DocumentField">Whether the key travels in a field (the examinations page) rather than in the route (the consignment page).</param>
/// <param name="Form">The values to show again after an error.</param>
public sealed record ResultFormView(string Document, string Number, bool DocumentField, ResultForm Form);
