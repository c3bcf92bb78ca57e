using System.Collections.Concurrent;
using OpenCts.Domain.Common;
using OpenCts.Storage;
using OpenCts.Storage.Audit;

namespace OpenCts.Application.Privacy;

/// <summary>A user's leave to see one consignment's personal data unmasked, until a time.</summary>
public sealed record UnmaskGrant(string User, string Document, string Reason, DateTimeOffset Until);

/// <summary>Lets a user without the need see one consignment unmasked for a while, after giving a reason; each grant is written to the journaled audit log.</summary>
/// <remarks>
/// A grant is stored with its end, in the same unit of work as its journaled audit entry (actor, <c>unmask consignment</c>,
/// <c>document=KEY</c>, the reason and the end), so a restart neither withdraws a grant nor extends one: the end is the
/// stored one, never counted again from the restart. The process keeps the grants in memory, read from the store once on
/// first use, because masking is decided for every consignment of every read; a grant given by another server is
/// therefore seen here only after a restart, which errs on the side of masking.
/// </remarks>
public sealed class Unmasking
{
    /// <summary>How long a grant lasts.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The audit action of a grant.</summary>
    public const string Action = "unmask consignment";

    private readonly ICtsStore _store;
    private readonly TimeProvider _clock;
    private readonly Lazy<ConcurrentDictionary<(string User, string Document), DateTimeOffset>> _grants;

    /// <summary>Unmasking over a store's grants and audit log.</summary>
    public Unmasking(ICtsStore store)
    {
        _store = store;
        _clock = store.Clock;
        _grants = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Grants <paramref name="user"/> the unmasked view of <paramref name="document"/> for <see cref="Duration"/>, and audits it with the reason.</summary>
    /// <exception cref="DomainException">No reason, or one too long (field <c>reason</c>).</exception>
    public async Task<UnmaskGrant> GrantAsync(string user, string document, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(document);
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
        {
            throw new DomainException("reason", "give the reason for seeing the personal data, such as the case or the request it serves");
        }
        if (why.Length > MaxReasonLength)
        {
            throw new DomainException("reason", $"the reason is {why.Length} characters long; at most {MaxReasonLength}");
        }
        var grants = _grants.Value;
        var now = _clock.GetUtcNow();
        var until = now + Duration;
        // The grant is stored with its audit entry in one unit of work: a grant that could not be journaled is not given.
        var entry = new AuditEntry(user, Action, "document=" + document, $"granted until {until:O}; reason: {why.ReplaceLineEndings(" ")}", now);
        await _store.AuditLog.GrantUnmaskAsync(new StoredUnmaskGrant(user, document, why, now, until), entry, cancellationToken).ConfigureAwait(false);
        grants.AddOrUpdate((user, document), until, (_, before) => before > until ? before : until);
        return new UnmaskGrant(user, document, why, until);
    }

    /// <summary>Whether <paramref name="user"/> holds an unexpired grant for <paramref name="document"/>.</summary>
    public bool IsGranted(string user, string document)
    {
        var grants = _grants.Value;
        if (!grants.TryGetValue((user, document), out var until))
        {
            return false;
        }
        if (_clock.GetUtcNow() < until)
        {
            return true;
        }
        grants.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>((user, document), until));
        return false;
    }

    private ConcurrentDictionary<(string User, string Document), DateTimeOffset> Load()
    {
        // Once per process, on the first check; on a thread of the pool, so no caller's context is held while the store reads.
        var stored = Task.Run(() => _store.AuditLog.UnmaskGrantsAsync(_clock.GetUtcNow(), CancellationToken.None)).GetAwaiter().GetResult();
        var grants = new ConcurrentDictionary<(string User, string Document), DateTimeOffset>();
        foreach (var grant in stored)
        {
            grants.AddOrUpdate((grant.User, grant.Document), grant.Until, (_, before) => before > grant.Until ? before : grant.Until);
        }
        return grants;
    }

    /// <summary>Whether <paramref name="user"/> in <paramref name="role"/> sees <paramref name="document"/> unmasked: by role, or by a grant.</summary>
    public bool SeesUnmasked(string user, string? role, string document) => PersonalDataAccess.Sees(role) || IsGranted(user, document);
}
