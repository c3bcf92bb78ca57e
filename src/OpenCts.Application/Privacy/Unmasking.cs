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
/// stored one, never counted again from the restart. The process keeps the grants in memory, read from the store on
/// first use, because masking is decided for every consignment of every read. Servers that share a store each keep their
/// own: a check that finds no grant reads the store's grants again in the background when they were read more than
/// <see cref="RefreshInterval"/> ago, so a grant given by another server is seen here within about that time, and until
/// then the data stays masked.
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
    /// <summary>How often, at most, the grants are read again from the store to learn those other servers gave.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly Lazy<ConcurrentDictionary<(string User, string Document), DateTimeOffset>> _grants;
    private long _readAt;
    private int _refreshing;

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
            RefreshIfStale(grants);
            return false;
        }
        if (_clock.GetUtcNow() < until)
        {
            return true;
        }
        grants.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>((user, document), until));
        RefreshIfStale(grants);
        return false;
    }

    /// <summary>Reads the store's grants again in the background, once at a time, when they were last read longer ago than <see cref="RefreshInterval"/>.</summary>
    /// <remarks>The check itself never waits for the store: it answers "masked" and a later check sees the grant.</remarks>
    private void RefreshIfStale(ConcurrentDictionary<(string User, string Document), DateTimeOffset> grants)
    {
        if (Environment.TickCount64 - Volatile.Read(ref _readAt) < (long)RefreshInterval.TotalMilliseconds
            || Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                Merge(grants, await _store.AuditLog.UnmaskGrantsAsync(_clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false));
            }
#pragma warning disable CA1031 // A refresh that fails (the store closing, a lost connection) keeps the grants known; the next miss tries again.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                Volatile.Write(ref _readAt, Environment.TickCount64);
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    private static void Merge(ConcurrentDictionary<(string User, string Document), DateTimeOffset> grants, IReadOnlyList<StoredUnmaskGrant> stored)
    {
        foreach (var grant in stored)
        {
            grants.AddOrUpdate((grant.User, grant.Document), grant.Until, (_, before) => before > grant.Until ? before : grant.Until);
        }
    }

    private ConcurrentDictionary<(string User, string Document), DateTimeOffset> Load()
    {
        // Once per process, on the first check; on a thread of the pool, so no caller's context is held while the store reads.
        var stored = Task.Run(() => _store.AuditLog.UnmaskGrantsAsync(_clock.GetUtcNow(), CancellationToken.None)).GetAwaiter().GetResult();
        var grants = new ConcurrentDictionary<(string User, string Document), DateTimeOffset>();
        Merge(grants, stored);
        Volatile.Write(ref _readAt, Environment.TickCount64);
        return grants;
    }

    /// <summary>Whether <paramref name="user"/> in <paramref name="role"/> sees <paramref name="document"/> unmasked: by role, or by a grant.</summary>
    public bool SeesUnmasked(string user, string? role, string document) => PersonalDataAccess.Sees(role) || IsGranted(user, document);
}
