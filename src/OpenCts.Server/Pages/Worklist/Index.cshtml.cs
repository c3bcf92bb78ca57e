using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Consignments;
using OpenCts.Application.Privacy;
using OpenCts.Domain.Assessments;
using OpenCts.Server.Auth;
using OpenCts.Server.Web;

namespace OpenCts.Server.Pages.Worklist;

/// <summary>The targeter's home: red-lane (and on request yellow) consignments, soonest arrival first, filtered, paged, exported, and live.</summary>
[Authorize(Policy = Policies.ReadConsignments)]
public sealed class IndexModel(CtsApplication application, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The most rows a CSV export holds.</summary>
    public const int ExportLimit = 10_000;

    [BindProperty(SupportsGet = true)]
    public bool Yellow { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Port { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public string? Format { get; set; }

    public Page<WorklistItem> Items { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>Whether this user may watch the alert stream, so that new red-lane consignments appear live.</summary>
    public bool Live { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var filter = Filter();
        if (filter is null)
        {
            return Page();
        }
        if (string.Equals(Format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            var all = await application.Worklist.ListAsync(filter, 1, ExportLimit, HttpContext.RequestAborted).ConfigureAwait(false);
            return File(Encoding.UTF8.GetBytes(Csv(await ShownAsync(all.Items, "GET /worklist?format=csv").ConfigureAwait(false))), "text/csv; charset=utf-8", "worklist.csv");
        }
        PageNumber = Math.Max(1, PageNumber);
        Items = await application.Worklist.ListAsync(filter, PageNumber, PageSize, HttpContext.RequestAborted).ConfigureAwait(false);
        Items = Items with { Items = await ShownAsync(Items.Items, "GET /worklist").ConfigureAwait(false) };
        Live = await authorization.MayAsync(User, Policies.WatchAlerts).ConfigureAwait(false);
        return Page();
    }

    /// <summary>One row, rendered as the page renders it, for a consignment the alert stream just announced.</summary>
    public async Task<IActionResult> OnGetRowAsync(string? document)
    {
        var item = string.IsNullOrEmpty(document) ? null : await application.Worklist.ItemAsync(document, HttpContext.RequestAborted).ConfigureAwait(false);
        return item is null ? NotFound() : Partial("_Row", new WorklistRowView((await ShownAsync([item], "GET /worklist?handler=row").ConfigureAwait(false))[0], IsNew: true));
    }

    // Rows as this user may see them (masked unless the role has the need or an unmasking is in force), the read audited.
    private async Task<IReadOnlyList<WorklistItem>> ShownAsync(IReadOnlyList<WorklistItem> items, string through)
    {
        var user = WebUser.NameOf(User);
        var role = WebUser.RoleOf(User);
        var unmasking = application.PersonalData.Unmasking;
        await application.PersonalData.Reads.RecordAsync(user, through, [.. items.Select(i => i.Assessment.DocumentKey)], !PersonalDataAccess.Sees(role), HttpContext.RequestAborted).ConfigureAwait(false);
        return [.. items.Select(i => unmasking.SeesUnmasked(user, role, i.Assessment.DocumentKey) ? i
            : i with { Target = PersonalDataMask.Row(i.Target), Consignment = i.Consignment with { Consignment = PersonalDataMask.Consignment(i.Consignment.Consignment) } })];
    }

    /// <summary>The query string of this filter with another page (or format).</summary>
    public string Link(int? page = null, string? format = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("yellow", Yellow ? "true" : null);
        Add("q", Q);
        Add("port", Port);
        Add("category", Category);
        Add("mine", Mine ? "true" : null);
        Add("from", From?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        Add("page", page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null);
        Add("format", format);
        return "/worklist" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }

    private WorklistFilter? Filter()
    {
        ThreatCategory? category = null;
        if (!string.IsNullOrEmpty(Category))
        {
            if (!Labels.TryCategory(Category, out var parsed))
            {
                Error = $"'{Category}' is not a threat category.";
                return null;
            }
            category = parsed;
        }
        return new WorklistFilter(
            Yellow ? [Lane.Red, Lane.Yellow] : [Lane.Red],
            string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
            string.IsNullOrWhiteSpace(Port) ? null : Port.Trim(),
            category,
            Mine ? WebUser.NameOf(User) : null,
            From is { } from ? new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc)) : null,
            To is { } to ? new DateTimeOffset(DateTime.SpecifyKind(to, DateTimeKind.Utc)) : null);
    }

    private static string Csv(IReadOnlyList<WorklistItem> items)
    {
        var csv = new StringBuilder("document,number,lane,score,arrival,port,categories,status,reasons\r\n");
        foreach (var item in items)
        {
            string[] fields =
            [
                item.Assessment.DocumentKey,
                item.Target.DocumentNumber,
                Labels.Of(item.Assessment.Lane),
                Labels.Score(item.Assessment.Score),
                Labels.Iso(item.Arrival),
                item.Port ?? "",
                string.Join(' ', item.Categories.Select(Labels.Of)),
                item.Status,
                string.Join("; ", item.Assessment.Reasons.Select(r => r.Title)),
            ];
            csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
        }
        return csv.ToString();
    }

    // A field starting with = + - @ is prefixed with ' so that a spreadsheet does not run it as a formula.
    private static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            field = "'" + field;
        }
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}

/// <summary>A worklist row as the partial renders it; <paramref name="IsNew"/> marks one that arrived live.</summary>
public sealed record WorklistRowView(WorklistItem Item, bool IsNew);
