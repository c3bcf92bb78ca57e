using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Domain.Common;
using OpenCts.Server.Auth;

namespace OpenCts.Server.Pages.Session;

/// <summary>A signed-in user replaces their password, giving the current one.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PasswordModel(CtsApplication application) : PageModel
{
    public string? Message { get; private set; }

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(string? password, string? newPassword)
    {
        try
        {
            await application.Users.ChangePasswordAsync(User.Identity!.Name!, password ?? "", newPassword ?? "", HttpContext.RequestAborted).ConfigureAwait(false);
            Changed = true;
            Message = "Your password is changed.";
        }
        catch (DomainException e)
        {
            Message = e.Message;
        }
    }
}
