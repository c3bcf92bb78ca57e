using OpenCts.Domain.CrossBorder;

namespace OpenCts.Storage.CrossBorder;

/// <summary>Export records attached to import consignments, kept with their proof bundles; the latest per document is in force.</summary>
public interface IExportRecordStore
{
    Task AttachAsync(string documentKey, ReadOnlyMemory<byte> record, string bundle, ExportComparison comparison, CancellationToken cancellationToken);

    /// <summary>The latest comparison of every document that has one.</summary>
    Task<IReadOnlyDictionary<string, ExportComparison>> LatestAsync(CancellationToken cancellationToken);

    /// <summary>The latest comparison of each of the named documents that has one: what assessing a few consignments needs, read through the document index rather than the whole table.</summary>
    Task<IReadOnlyDictionary<string, ExportComparison>> LatestOfAsync(IReadOnlyCollection<string> documentKeys, CancellationToken cancellationToken);
}
