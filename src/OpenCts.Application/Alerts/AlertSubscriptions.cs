using OpenCts.Application.Common;
using OpenCts.Application.Users;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Values;
using OpenCts.Storage;
using OpenCts.Storage.Subscriptions;

namespace OpenCts.Application.Alerts;

/// <summary>Who is told of which red-lane alerts: users and groups (roles) subscribe by threat category, port and profile.</summary>
/// <remarks>
/// A subscription's criteria all have to match (a missing one matches anything); an alert goes to a user when any of the
/// subscriptions of the user or of its group matches. A user with no subscription at all, of its own or of its group,
/// is told of every alert.
/// </remarks>
public sealed class AlertSubscriptions(ICtsStore store)
{
    /// <summary>Subscribes a user, or with <paramref name="group"/> a group (a role, which only a supervisor may subscribe).</summary>
    /// <exception cref="DomainException">A criterion is not valid, or the caller may not subscribe the group; the field is named.</exception>
    public async Task<Subscription> AddAsync(string user, string role, string? group, string? category, string? port, string? profile, CancellationToken cancellationToken)
    {
        if (group is not null)
        {
            if (!Roles.IsKnown(group))
            {
                throw new DomainException("group", $"'{group}' is not a group; one of the roles {string.Join(", ", Roles.All)}");
            }
            if (!string.Equals(role, Roles.Supervisor, StringComparison.Ordinal))
            {
                throw new DomainException("group", "only a supervisor subscribes a group");
            }
        }
        var threat = category is null ? null : CategoryName(category) ?? throw new DomainException("category", $"'{category}' is not a threat category; one of {string.Join(", ", Enum.GetNames<ThreatCategory>().Select(Kebab))}");
        string? place = null;
        if (port is not null)
        {
            if (!UnLocode.TryParse(port, out var locode, out var error))
            {
                throw new DomainException("port", error);
            }
            place = locode.Value.Value;
        }
        Fields.Optional(profile, "profile", 128);
        var subscription = new Subscription(0, group is null ? user : null, group, threat, place, string.IsNullOrWhiteSpace(profile) ? null : profile.Trim(), user, store.Clock.GetUtcNow());
        return await store.Subscriptions.AddAsync(subscription, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The subscriptions that apply to a user: its own and its group's.</summary>
    public async Task<IReadOnlyList<Subscription>> ForAsync(string user, string role, CancellationToken cancellationToken) =>
        [.. (await store.Subscriptions.InForceAsync(cancellationToken).ConfigureAwait(false)).Where(s => AppliesTo(s, user, role))];

    /// <summary>Removes a subscription of the user's own, or, for a supervisor, of a group; false when there is no such subscription it may remove.</summary>
    public async Task<bool> RemoveAsync(long id, string user, string role, CancellationToken cancellationToken)
    {
        var subscription = (await store.Subscriptions.InForceAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Id == id);
        var may = subscription is not null
            && (string.Equals(subscription.User, user, StringComparison.OrdinalIgnoreCase) || (subscription.Group is not null && string.Equals(role, Roles.Supervisor, StringComparison.Ordinal)));
        return may && await store.Subscriptions.RemoveAsync(id, user, store.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a user with these subscriptions is told of the alert: any matches, or there are none.</summary>
    public static bool Wants(IReadOnlyList<Subscription> subscriptions, Alert alert) =>
        subscriptions.Count == 0 || subscriptions.Any(s => Matches(s, alert));

    /// <summary>Whether every criterion of a subscription matches the alert.</summary>
    public static bool Matches(Subscription subscription, Alert alert)
    {
        var reasons = alert.Assessment.Reasons;
        return (subscription.Category is null || reasons.Any(r => r.Category is { } c && string.Equals(Kebab(c.ToString()), subscription.Category, StringComparison.Ordinal)))
            && (subscription.Port is null || string.Equals(alert.Port, subscription.Port, StringComparison.OrdinalIgnoreCase))
            && (subscription.Profile is null || reasons.Any(r => r.Kind == ReasonKind.Profile && string.Equals(r.Code, subscription.Profile, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool AppliesTo(Subscription s, string user, string role) =>
        string.Equals(s.User, user, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Group, role, StringComparison.Ordinal);

    /// <summary>A threat category as the API spells it (<c>weapons-and-security</c>), from that or its enum name; null when none.</summary>
    private static string? CategoryName(string text)
    {
        var compact = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse<ThreatCategory>(compact, ignoreCase: true, out var category) && Enum.IsDefined(category) && !compact.Any(char.IsDigit)
            ? Kebab(category.ToString())
            : null;
    }

    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
