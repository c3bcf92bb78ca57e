using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Server.Auth;

namespace OpenCts.Server.Pages.Dashboard;

/// <summary>The supervisors' dashboard: charts read from the report endpoints (<c>/api/v1/reports/...</c>), one source for the page and for API users.</summary>
[Authorize(Policy = Policies.ReadReports)]
public sealed class DashboardModel : PageModel
{
    public void OnGet()
    {
    }
}
