using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace OpenCts.Server.Web;

/// <summary>Checks a policy inside a page whose parts differ by role: a form shown, a handler allowed.</summary>
/// <remarks>A page names one policy to be opened; a handler that changes something checks its own with this, and answers 403 when it fails.</remarks>
internal static class PageAccess
{
    public static async Task<bool> MayAsync(this IAuthorizationService authorization, ClaimsPrincipal user, string policy) =>
        (await authorization.AuthorizeAsync(user, policy).ConfigureAwait(false)).Succeeded;
}
