using OpenCts.Domain.Watchlists;

namespace OpenCts.Storage.Watchlists;

/// <summary>The check both backends make inside the write of an allow-list request.</summary>
public static class AllowRequests
{
    /// <summary>Refuses a request for a party, list and entry that is allow-listed already or has a request waiting; party names compare without regard to case.</summary>
    /// <exception cref="StoreConflictException">It is allow-listed, or a request for it waits.</exception>
    public static void ThrowIfAnswered(AllowListEntry request, IEnumerable<AllowListEntry> inForce, IEnumerable<AllowListRequest> pending)
    {
        if (inForce.Any(a => Same(a.PartyName, a.List, a.EntryId, request)))
        {
            throw new StoreConflictException($"'{request.PartyName}' is already allow-listed against {request.List} {request.EntryId}");
        }
        if (pending.Any(r => Same(r.PartyName, r.List, r.EntryId, request)))
        {
            throw new StoreConflictException($"a request to allow-list '{request.PartyName}' against {request.List} {request.EntryId} is already waiting for a supervisor");
        }
    }

    private static bool Same(string party, string list, string entry, AllowListEntry request) =>
        string.Equals(party, request.PartyName, StringComparison.OrdinalIgnoreCase)
        && string.Equals(list, request.List, StringComparison.Ordinal)
        && string.Equals(entry, request.EntryId, StringComparison.Ordinal);
}
