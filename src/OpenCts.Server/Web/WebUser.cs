using System.Security.Claims;

namespace OpenCts.Server.Web;

/// <summary>The signed-in person as the pages see them.</summary>
internal static class WebUser
{
    public static string RoleOf(ClaimsPrincipal user) => user.FindFirst(ClaimTypes.Role)?.Value ?? "";

    public static string NameOf(ClaimsPrincipal user) => Auth.CtsPrincipal.NameOf(user);
}
