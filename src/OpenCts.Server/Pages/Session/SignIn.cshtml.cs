using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using OpenCts.Application;
using OpenCts.Server.Auth;
using OpenCts.Server.Common;
using OpenCts.Server.Web;

namespace OpenCts.Server.Pages.Session;

/// <summary>The sign-in form: a name and password give a session cookie, then the page asked for or the role's home.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(CtsApplication application) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Name { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? password)
    {
        Name = name;
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password))
        {
            Error = "Give a name and a password.";
            return Page();
        }
        var account = await SignInAttempts.SignInAsync(application, name, password, HttpContext.RequestAborted).ConfigureAwait(false);
        if (account is null)
        {
            Error = "The name or password is wrong, the account is disabled, or it is locked after too many failures.";
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, CtsPrincipal.Of(account.Name, account.Role, CookieAuthenticationDefaults.AuthenticationScheme)).ConfigureAwait(false);
        // Only a local address: a link crafted elsewhere must not send a fresh session off the site.
        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : WebNavigation.HomeOf(account.Role));
    }
}
