using OpenCts.Domain.Consignments;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Limits and defaults for reading CUSCAR interchanges.</summary>
/// <param name="MaxMessageBytes">A message (UNH to UNT) longer than this is rejected with a clear error instead of being read.</param>
/// <param name="MaxSegmentsPerMessage">A message with more segments than this is rejected the same way.</param>
/// <param name="MaxComponentsPerSegment">A segment with more components than this is broken.</param>
/// <param name="DefaultDirection">The direction of consignments when the message does not say (CUSCAR reports are mostly imports).</param>
public sealed record CuscarOptions(
    int MaxMessageBytes = 16 * 1024 * 1024,
    int MaxSegmentsPerMessage = 200_000,
    int MaxComponentsPerSegment = 4096,
    Direction DefaultDirection = Direction.Import);
