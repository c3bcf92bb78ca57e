namespace OpenCts.Storage;

/// <summary>A conditional write found its record no longer in the state the caller read it in: someone changed it at the same moment.</summary>
/// <remarks>
/// Requests run side by side, so a check made on a read and the write that follows it can be overtaken by another request.
/// A store that is told the state a write expects checks it inside the write's own transaction (writes are serialised by
/// each backend), and refuses with this exception when it no longer holds; nothing of the refused write is kept.
/// Hosts answer it as a conflict (HTTP 409).
/// </remarks>
public sealed class StoreConflictException(string message) : InvalidOperationException(message);
