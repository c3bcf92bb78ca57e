using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Server.Auth;

namespace OpenCts.Server.Pages.Session;

/// <summary>Signing out: a POST with the form's token, so another site cannot sign an officer out.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return Redirect(Web.WebSetup.SignInPath);
    }
}
