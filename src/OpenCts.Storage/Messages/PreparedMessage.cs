using OpenCts.Domain.Messages;

namespace OpenCts.Storage.Messages;

/// <summary>A message ready to store in bulk: as parsed, with where it came from and the work its store did ahead (<see cref="IMessageStore.Prepare"/>).</summary>
/// <param name="Message">The parsed message.</param>
/// <param name="FileName">The file or upload it came from.</param>
/// <param name="Ahead">The store's own work done ahead of the write, which only that store reads; null when it does everything at the write.</param>
public sealed record PreparedMessage(ParsedMessage Message, string FileName, object? Ahead = null);
