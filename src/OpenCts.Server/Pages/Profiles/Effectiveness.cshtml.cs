using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Reports;
using OpenCts.Server.Auth;

namespace OpenCts.Server.Pages.Profiles;

/// <summary>How one profile performs: hits, examined, positives, hit rate and revenue recovered, with its days in charts.</summary>
/// <remarks>The figures are those of <c>GET /api/v1/reports/profiles/{id}</c>, read from the same report of the application core;
/// they are written into the page, so every officer who reads profiles sees how theirs perform.</remarks>
[Authorize(Policy = Policies.ReadProfiles)]
public sealed class ProfileEffectivenessModel(CtsApplication application) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public ProfileReport Report { get; private set; } = null!;

    public string DaysJson { get; private set; } = "[]";

    public async Task<IActionResult> OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var report = (await application.Reports.ReportAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.ProfileId == Id);
        if (report is null)
        {
            return NotFound();
        }
        Report = report;
        DaysJson = JsonSerializer.Serialize(await application.Dashboard.ProfileHistoryAsync(Id, cancellationToken).ConfigureAwait(false), JsonSerializerOptions.Web);
        return Page();
    }
}
