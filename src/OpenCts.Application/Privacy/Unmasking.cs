using System.Collections.Concurrent;
using OpenCts.Application.Audit;
using OpenCts.Domain.Common;

namespace OpenCts.Application.Privacy;

/// <summary>A user's leave to see one consignment's personal data unmasked, until a time.</summary>
public sealed record UnmaskGrant(string User, string Document, string Reason, DateTimeOffset Until);

/// <summary>Lets a user without the need see one consignment unmasked for a while, after giving a reason; each grant is written to the journaled audit log.</summary>
/// <remarks>
/// Grants are kept in the process that gave them: a restart or another server withdraws them, which errs on the side of
/// masking. The audit entry (actor, <c>unmask consignment</c>, <c>document=KEY</c>, the reason and the end) is what lasts.
/// </remarks>
public sealed class Unmasking(AuditTrail audit, TimeProvider clock)
{
    /// <summary>How long a grant lasts.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The audit action of a grant.</summary>
    public const string Action = "unmask consignment";

    private readonly ConcurrentDictionary<(string User, string Document), DateTimeOffset> _grants = new();

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
        var until = clock.GetUtcNow() + Duration;
        // Audited first: a grant that could not be journaled is not given.
        await audit.RecordAsync(user, Action, "document=" + document, $"granted until {until:O}; reason: {why.ReplaceLineEndings(" ")}", cancellationToken).ConfigureAwait(false);
        _grants[(user, document)] = until;
        return new UnmaskGrant(user, document, why, until);
    }

    /// <summary>Whether <paramref name="user"/> holds an unexpired grant for <paramref name="document"/>.</summary>
    public bool IsGranted(string user, string document)
    {
        if (!_grants.TryGetValue((user, document), out var until))
        {
            return false;
        }
        if (clock.GetUtcNow() < until)
        {
            return true;
        }
        _grants.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>((user, document), until));
        return false;
    }

    /// <summary>Whether <paramref name="user"/> in <paramref name="role"/> sees <paramref name="document"/> unmasked: by role, or by a grant.</summary>
    public bool SeesUnmasked(string user, string? role, string document) => PersonalDataAccess.Sees(role) || IsGranted(user, document);
}
