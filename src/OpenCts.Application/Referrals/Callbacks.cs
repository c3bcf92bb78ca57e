using System.Security.Cryptography;
using OpenCts.Domain.Common;
using OpenCts.Storage;
using OpenCts.Storage.Referrals;

namespace OpenCts.Application.Referrals;

/// <summary>A callback as its owner reads it: the URL, when it was set, and the latest deliveries with their failures.</summary>
public sealed record CallbackStatus(string Url, DateTimeOffset RegisteredAt, IReadOnlyList<WebhookDelivery> Deliveries);

/// <summary>The callback URL of a filer's credentials, to which its referrals are delivered as signed webhooks.</summary>
public sealed class Callbacks(ICtsStore store)
{
    /// <summary>Registers (or replaces) the caller's callback and returns the new signing secret, which is shown only this once.</summary>
    /// <exception cref="DomainException">The URL is missing or not an absolute http or https URL; the field is <c>url</c>.</exception>
    public async Task<string> RegisterAsync(string owner, string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new DomainException("url", "is required");
        }
        if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new DomainException("url", $"'{url}' is not an absolute http or https URL without credentials");
        }
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await store.Webhooks.SaveCallbackAsync(owner, uri.AbsoluteUri, secret, owner, store.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return secret;
    }

    /// <summary>The caller's callback with its latest deliveries, or null when none is registered.</summary>
    public async Task<CallbackStatus?> OfAsync(string owner, CancellationToken cancellationToken)
    {
        var callback = await store.Webhooks.CallbackOfAsync(owner, cancellationToken).ConfigureAwait(false);
        if (callback is null)
        {
            return null;
        }
        var deliveries = await store.Webhooks.DeliveriesOfAsync(owner, 50, cancellationToken).ConfigureAwait(false);
        return new CallbackStatus(callback.Url, callback.ChangedAt, deliveries);
    }

    /// <summary>Removes the caller's callback; false when none was registered. Deliveries still pending then fail.</summary>
    public async Task<bool> RemoveAsync(string owner, CancellationToken cancellationToken)
    {
        if (await store.Webhooks.CallbackOfAsync(owner, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }
        await store.Webhooks.SaveCallbackAsync(owner, null, null, owner, store.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
