using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Server.Auth;
using OpenCts.Server.Web;

namespace OpenCts.Server.Pages;

/// <summary>The root sends each role to its home page.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(WebNavigation.HomeOf(WebUser.RoleOf(User)));
}
