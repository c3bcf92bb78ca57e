using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Users;
using OpenCts.Domain.Common;
using OpenCts.Server.Auth;
using OpenCts.Server.Web;
using OpenCts.Storage.Subscriptions;

namespace OpenCts.Server.Pages.Subscriptions;

/// <summary>Which red-lane alerts reach me: subscriptions by threat category, port and profile, mine and my group's; a supervisor subscribes groups.</summary>
[Authorize(Policy = Policies.ManageSubscriptions)]
public sealed class IndexModel(CtsApplication application) : PageModel
{
    public IReadOnlyList<Subscription> InForce { get; private set; } = [];

    public bool IsSupervisor => WebUser.RoleOf(User) == Roles.Supervisor;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostAddAsync(string? category, string? port, string? profile, string? group)
    {
        try
        {
            var added = await application.Subscriptions.AddAsync(WebUser.NameOf(User), WebUser.RoleOf(User), Blank(group), Blank(category), Blank(port), Blank(profile), HttpContext.RequestAborted).ConfigureAwait(false);
            Message = $"Subscribed{(added.Group is { } g ? " the group " + g : "")}: {Describe(added)}.";
        }
        catch (DomainException e)
        {
            Error = e.Message;
        }
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id)
    {
        if (await application.Subscriptions.RemoveAsync(id, WebUser.NameOf(User), WebUser.RoleOf(User), HttpContext.RequestAborted).ConfigureAwait(false))
        {
            Message = $"Subscription {id} removed.";
        }
        else
        {
            Error = $"id: subscription {id} is not one you may remove";
        }
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    /// <summary>A subscription's criteria in words; one without any would match everything.</summary>
    public static string Describe(Subscription s)
    {
        var parts = new List<string>();
        if (s.Category is { } category)
        {
            parts.Add("threat " + category);
        }
        if (s.Port is { } port)
        {
            parts.Add("port " + port);
        }
        if (s.Profile is { } profile)
        {
            parts.Add("profile " + profile);
        }
        return parts.Count == 0 ? "every red-lane alert" : string.Join(", ", parts);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task LoadAsync() =>
        InForce = await application.Subscriptions.ForAsync(WebUser.NameOf(User), WebUser.RoleOf(User), HttpContext.RequestAborted).ConfigureAwait(false);
}
