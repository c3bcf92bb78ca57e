using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Profiles;
using OpenCts.Application.Users;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;
using OpenCts.Server.Auth;
using OpenCts.Server.Consignments;
using OpenCts.Server.Web;
using OpenCts.Targeting.Profiles.Fields;

namespace OpenCts.Server.Pages.Profiles;

/// <summary>One word the editor offers while the analyst types: a field, a collection, a function, a keyword or a list name.</summary>
public sealed record Completion(string Label, string Type, string Detail);

/// <summary>
/// The profile editor: the criteria in CodeMirror with the language's highlighting, compile errors from the server's compiler as the
/// analyst types, and the buttons of a profile's life (save a draft, backtest over a window, submit, retire).
/// </summary>
/// <remarks><c>/profiles/new</c> opens an empty draft. Everything is done through the API from the page's script, so the page
/// and the API cannot disagree; this model only reads.</remarks>
[Authorize(Policy = Policies.ReadProfiles)]
public sealed class ProfileEditModel(CtsApplication application) : PageModel
{
    public const string NewId = "new";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public bool IsNew => Id == NewId;

    public RiskProfile? Latest { get; private set; }

    public IReadOnlyList<RiskProfile> Versions { get; private set; } = [];

    public string Status { get; private set; } = "draft";

    public static IReadOnlyList<string> Categories { get; } = [.. Enum.GetNames<ThreatCategory>().Select(ConsignmentViews.Kebab)];

    public static IReadOnlyList<string> Actions { get; } = [.. Enum.GetNames<ProfileAction>().Select(ConsignmentViews.Kebab)];

    public bool MayWrite => WebUser.RoleOf(User) is Roles.Analyst or Roles.Supervisor;

    public bool MayRetire => WebUser.RoleOf(User) is Roles.Supervisor;

    /// <summary>The completions as JSON for the editor's script.</summary>
    public string CompletionsJson { get; private set; } = "[]";

    public async Task<IActionResult> OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!IsNew)
        {
            Versions = await application.Store.Profiles.VersionsAsync(Id, cancellationToken).ConfigureAwait(false);
            if (Versions.Count == 0)
            {
                return NotFound();
            }
            Latest = Versions[^1];
            Status = ConsignmentViews.Kebab(ProfileLifecycle.StatusAt(Latest, application.Store.Clock.GetUtcNow()).ToString());
        }
        var lists = (await application.Store.Watchlists.ReferenceListsAsync(cancellationToken).ConfigureAwait(false)).Keys
            .Concat((await application.Store.Watchlists.ListsAsync(cancellationToken).ConfigureAwait(false)).Select(l => l.List));
        CompletionsJson = JsonSerializer.Serialize(Completions(lists), JsonSerializerOptions.Web);
        return Page();
    }

    public string Category => Latest is null ? "other" : ConsignmentViews.Kebab(Latest.Category.ToString());

    public string Action => Latest is null ? "yellow-lane" : ConsignmentViews.Kebab(Latest.Action.ToString());

    public static string DateOf(DateTimeOffset? instant) => instant?.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>Every field and collection of the catalogue, the functions and keywords of the language, and the names of the lists in the store.</summary>
    private static List<Completion> Completions(IEnumerable<string> lists)
    {
        var words = new List<Completion>();
        words.AddRange(FieldCatalogue.Fields.Values.Select(f => new Completion(f.Path, "property", f.Description)));
        foreach (var collection in FieldCatalogue.Collections.Values)
        {
            words.Add(new Completion(collection.Name, "type", collection.Description + " (any, all, count)"));
            words.AddRange(collection.Fields.Values.Where(f => f.Path.Length > 0).Select(f => new Completion(collection.Name + "." + f.Path, "property", f.Description)));
        }
        words.AddRange(new (string Name, string Detail)[]
        {
            ("list(\"\")", "a named reference list or watch list"), ("screen(", "similarity of a party to a watch list, 0 to 1"),
            ("passesThrough(", "whether the route touches a country or a list of them"), ("date(\"\")", "a date, such as date(\"2026-12-24\")"),
            ("now()", "the moment of assessment"), ("days(", "a duration in days"), ("dataQuality.has(\"\")", "a data-quality finding about a field"),
        }.Select(f => new Completion(f.Name, "function", f.Detail)));
        words.AddRange(Targeting.Profiles.Syntax.ProfileKeywords.All.Select(k => new Completion(k, "keyword", "")));
        words.AddRange(lists.Distinct(StringComparer.Ordinal).Select(l => new Completion($"list(\"{l}\")", "constant", "list in the store")));
        return words;
    }
}
