using OpenCts.Application.Engine;
using OpenCts.Application.Common;
using OpenCts.Domain.Common;
using OpenCts.Domain.Watchlists;
using OpenCts.Storage;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Application.Lists;

/// <summary>A request or a decision on the allow-list that its state or the actor does not allow.</summary>
public sealed class AllowListReviewException(string message) : InvalidOperationException(message);

/// <summary>Allow-listing a false positive with four eyes: an officer asks, with a reason, and a supervisor other than the one who asked allows or refuses.</summary>
/// <remarks>
/// An allow-list entry stops a party from being screened against a listed entry, so it suppresses sanctions hits: the request,
/// the decision and who took each are journaled, and nothing is in force until a second person allows it.
/// </remarks>
public sealed class AllowListReview(ICtsStore store, TargetingEngineHost engines)
{
    /// <summary>Asks for a party to be allow-listed against one entry of a list.</summary>
    /// <exception cref="DomainException">A field is blank, or the list has no such entry.</exception>
    /// <exception cref="AllowListReviewException">The party is already allow-listed against that entry, or a request for it is waiting.</exception>
    public async Task<AllowListRequest> RequestAsync(string partyName, string list, string entryId, string requestedBy, string why, CancellationToken cancellationToken)
    {
        partyName = Fields.Required(partyName, "partyName", 512);
        list = Fields.Required(list, "list", 128);
        entryId = Fields.Required(entryId, "entryId", 128);
        why = Fields.Required(why, "why", 2000);
        var entries = await store.Watchlists.EntriesAsync(cancellationToken).ConfigureAwait(false);
        if (!entries.Any(e => e.List == list && e.Id == entryId))
        {
            throw new DomainException("entryId", $"list '{list}' has no entry '{entryId}'");
        }
        var allowed = await store.Watchlists.AllowListAsync(cancellationToken).ConfigureAwait(false);
        if (allowed.Any(a => SameKey(a.PartyName, a.List, a.EntryId, partyName, list, entryId)))
        {
            throw new AllowListReviewException($"'{partyName}' is already allow-listed against {list} {entryId}");
        }
        var pending = await store.Watchlists.AllowRequestsAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Any(r => SameKey(r.PartyName, r.List, r.EntryId, partyName, list, entryId)))
        {
            throw new AllowListReviewException($"a request to allow-list '{partyName}' against {list} {entryId} is already waiting for a supervisor");
        }
        var at = store.Clock.GetUtcNow();
        long id;
        try
        {
            // The store checks both again inside its write: of two officers asking at once, one request is kept.
            id = await store.Watchlists.RequestAllowAsync(new AllowListEntry(partyName, list, entryId, requestedBy, why, at), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException e)
        {
            throw new AllowListReviewException(e.Message);
        }
        return new AllowListRequest(id, partyName, list, entryId, requestedBy, why, at);
    }

    /// <summary>The requests waiting for a supervisor, oldest first.</summary>
    public Task<IReadOnlyList<AllowListRequest>> PendingAsync(CancellationToken cancellationToken) => store.Watchlists.AllowRequestsAsync(cancellationToken);

    /// <summary>Allows a request: the party is no longer screened against the entry. Never by the one who asked.</summary>
    public Task<AllowListRequest> ApproveAsync(long id, string supervisor, string? comment, CancellationToken cancellationToken) =>
        DecideAsync(id, allow: true, supervisor, comment, cancellationToken);

    /// <summary>Refuses a request: nothing changes in force. Never by the one who asked.</summary>
    public Task<AllowListRequest> RefuseAsync(long id, string supervisor, string? comment, CancellationToken cancellationToken) =>
        DecideAsync(id, allow: false, supervisor, comment, cancellationToken);

    private async Task<AllowListRequest> DecideAsync(long id, bool allow, string supervisor, string? comment, CancellationToken cancellationToken)
    {
        var request = (await store.Watchlists.AllowRequestsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.Id == id)
            ?? throw new AllowListReviewException($"no allow-list request {id} is waiting for a decision");
        if (string.Equals(request.RequestedBy, supervisor, StringComparison.OrdinalIgnoreCase))
        {
            throw new AllowListReviewException($"allow-list request {id} was made by {supervisor}: a second person must decide it");
        }
        // The decision keeps the requester's reason, so the allow-list entry in force says why, who asked and who allowed.
        var why = $"{request.Why} (asked by {request.RequestedBy}{(string.IsNullOrWhiteSpace(comment) ? "" : "; " + comment.Trim())})";
        _ = await store.Watchlists.DecideAllowRequestAsync(id, allow, supervisor, why, cancellationToken).ConfigureAwait(false)
            ?? throw new AllowListReviewException($"no allow-list request {id} is waiting for a decision");
        if (allow)
        {
            await engines.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        return request;
    }

    private static bool SameKey(string party, string list, string entry, string otherParty, string otherList, string otherEntry) =>
        string.Equals(party, otherParty, StringComparison.OrdinalIgnoreCase) && list == otherList && entry == otherEntry;
}
