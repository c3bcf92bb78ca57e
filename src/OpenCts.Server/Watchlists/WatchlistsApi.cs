using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using OpenCts.Application;
using OpenCts.Application.Lists;
using OpenCts.Domain.Common;
using OpenCts.Domain.Watchlists;
using OpenCts.Server.Auth;
using OpenCts.Server.Common;
using OpenCts.Server.Consignments;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Server.Watchlists;

/// <summary>Watch lists, their entries and the allow-list of confirmed false positives: <c>/api/v1/watchlists</c>.</summary>
/// <remarks>Loading, refreshing and adding go through <see cref="ListLoading"/> and <see cref="WatchlistUpdate"/>; an allow-list entry
/// is asked for by one officer and allowed by a supervisor who did not ask (<see cref="AllowListReview"/>).</remarks>
public static class WatchlistsApi
{
    /// <summary>One list in force.</summary>
    public sealed record ListView(string List, int Version, int Entries, string Source, DateTimeOffset LoadedAt);

    /// <summary>One entry as a search shows it.</summary>
    public sealed record EntryView(string List, string Id, string Kind, string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Countries, string? Programs, string? Remarks);

    /// <summary>An entry an officer adds to a list by hand.</summary>
    public sealed record EntryRequest(string? Id, string? Kind, string? Name, IReadOnlyList<string>? Aliases, IReadOnlyList<string>? Countries, string? Programs, string? Remarks);

    /// <summary>What a new version of a list changed.</summary>
    public sealed record ChangeView(string List, int Entries, int Added, int Removed, int Amended);

    /// <summary>A request to allow-list a party against one entry, with the reason.</summary>
    public sealed record AllowRequestBody(string? PartyName, string? List, string? EntryId, string? Why);

    /// <summary>A supervisor's comment on a decision.</summary>
    public sealed record DecisionBody(string? Comment);

    /// <summary>The allow-list in force and the requests waiting for a supervisor.</summary>
    public sealed record AllowListView(IReadOnlyList<AllowListEntry> InForce, IReadOnlyList<AllowListRequest> Pending);

    public static IEndpointRouteBuilder MapWatchlistsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/watchlists").WithTags("Watch lists");
        group.MapGet("", ListsAsync).RequireAuthorization(Policies.ReadWatchlists).WithSummary("The watch lists in force with their version, entries, source and load date.");
        group.MapPost("", UploadAsync).RequireAuthorization(Policies.ManageWatchlists)
            .WithSummary("Loads a list file sent as the body (OFAC CSV, UN XML, OpenCTS CSV or JSON), named by ?file=, as a new version of each list in it.")
            .DocumentsBody("The list file.", ("application/octet-stream", JsonSchemaType.String, "binary"));
        group.MapPost("/refresh", RefreshAsync).RequireAuthorization(Policies.ManageWatchlists)
            .WithSummary("Downloads the publishers' current files and stores each list as a new version; a failed download keeps the lists in force (502).");
        group.MapGet("/entries", SearchAsync).RequireAuthorization(Policies.ReadWatchlists)
            .WithSummary("Entries whose name, alias, id or remarks contain q, in one list or all, paged.");
        group.MapPost("/{list}/entries", AddEntryAsync).RequireAuthorization(Policies.ManageWatchlists)
            .WithSummary("Adds an entry to a list (created if new) as a new version of it.");
        group.MapGet("/allow-list", AllowListAsync).RequireAuthorization(Policies.ReadWatchlists)
            .WithSummary("The allow-list of confirmed false positives in force, and the requests waiting for a supervisor.");
        group.MapPost("/allow-list/requests", RequestAllowAsync).RequireAuthorization(Policies.RequestAllowList)
            .WithSummary("Asks for a party to be allow-listed against an entry, with the reason; a supervisor decides.");
        group.MapPost("/allow-list/requests/{id:long}/approve", (CtsApplication a, HttpContext c, long id, DecisionBody? body, CancellationToken t) =>
                DecidedAsync(a.AllowList.ApproveAsync(id, CtsPrincipal.NameOf(c.User), body?.Comment, t)))
            .RequireAuthorization(Policies.ApproveWatchlists).WithSummary("Allows a request: the party is no longer screened against the entry. Never by the one who asked (409).");
        group.MapPost("/allow-list/requests/{id:long}/refuse", (CtsApplication a, HttpContext c, long id, DecisionBody? body, CancellationToken t) =>
                DecidedAsync(a.AllowList.RefuseAsync(id, CtsPrincipal.NameOf(c.User), body?.Comment, t)))
            .RequireAuthorization(Policies.ApproveWatchlists).WithSummary("Refuses a request. Never by the one who asked (409).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ListView>>> ListsAsync(CtsApplication application, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ListView>>([.. (await application.Store.Watchlists.ListsAsync(cancellationToken).ConfigureAwait(false))
            .Select(l => new ListView(l.List, l.Version, l.Entries, l.Source, l.LoadedAt))]);

    private static async Task<Ok<PageView<EntryView>>> SearchAsync(CtsApplication application, string? q, string? list, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = Paging.Of(page, pageSize);
        var text = q?.Trim() ?? "";
        bool Has(string? value) => value?.Contains(text, StringComparison.OrdinalIgnoreCase) == true;
        var found = (await application.Store.Watchlists.EntriesAsync(cancellationToken).ConfigureAwait(false))
            .Where(e => string.IsNullOrEmpty(list) || e.List == list)
            .Where(e => text.Length == 0 || Has(e.Name) || Has(e.Id) || Has(e.Remarks) || e.Aliases.Any(Has))
            .Select(View)
            .ToList();
        return TypedResults.Ok(new PageView<EntryView>(Paging.Slice(found, p, size), p, size, found.Count));
    }

    private static async Task<Ok<IReadOnlyList<ChangeView>>> UploadAsync(CtsApplication application, HttpRequest request, string? file, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file ?? "");
        if (name.Length == 0 || name.IndexOfAny([.. Path.GetInvalidFileNameChars(), '\\']) >= 0 || name is "." or "..")
        {
            throw new DomainException("file", "name the list file, such as ?file=sdn.csv, so its format can be recognised");
        }
        var folder = Path.Combine(Path.GetTempPath(), "opencts-upload", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, name);
            var output = File.Create(path);
            await using (output.ConfigureAwait(false))
            {
                await request.Body.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }
            var (_, changes) = await application.Lists.LoadWatchlistsAsync(path, cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0)
            {
                throw new DomainException("file", $"{name} holds no watch-list entries");
            }
            return TypedResults.Ok<IReadOnlyList<ChangeView>>([.. changes.Select(Change)]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<ChangeView>>, ProblemHttpResult>> RefreshAsync(CtsApplication application, CtsServerOptions options, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        try
        {
            var result = await new WatchlistUpdate(http, application.Lists).UpdateAsync(options.WatchlistSources, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok<IReadOnlyList<ChangeView>>([.. result.Lists.Select(l => new ChangeView(l.List, l.Entries, l.Added, l.Removed, l.Amended))]);
        }
        catch (WatchlistDownloadException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "A publisher's list could not be downloaded", detail: e.Message + "; the lists in force are kept");
        }
    }

    private static async Task<Created<ChangeView>> AddEntryAsync(CtsApplication application, HttpContext context, string list, EntryRequest body, CancellationToken cancellationToken)
    {
        var kind = string.IsNullOrWhiteSpace(body.Kind) ? SubjectKind.Unknown
            : Enum.TryParse<SubjectKind>(body.Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k
            : throw new DomainException("kind", $"'{body.Kind}' is not one of {string.Join(", ", Enum.GetNames<SubjectKind>().Select(n => n.ToLowerInvariant()))}");
        var entry = new WatchlistEntry(list, body.Id ?? "", kind, body.Name ?? "",
            Aliases: [.. body.Aliases ?? []], Countries: [.. body.Countries ?? []], Programs: body.Programs, Remarks: body.Remarks);
        var change = await application.Lists.AddEntryAsync(entry, "added by " + CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/watchlists/entries?list={Uri.EscapeDataString(list)}&q={Uri.EscapeDataString(entry.Id)}", Change(change));
    }

    private static async Task<Ok<AllowListView>> AllowListAsync(CtsApplication application, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AllowListView(
            await application.Store.Watchlists.AllowListAsync(cancellationToken).ConfigureAwait(false),
            await application.AllowList.PendingAsync(cancellationToken).ConfigureAwait(false)));

    private static async Task<Created<AllowListRequest>> RequestAllowAsync(CtsApplication application, HttpContext context, AllowRequestBody body, CancellationToken cancellationToken)
    {
        var request = await application.AllowList.RequestAsync(body.PartyName ?? "", body.List ?? "", body.EntryId ?? "", CtsPrincipal.NameOf(context.User), body.Why ?? "", cancellationToken).ConfigureAwait(false);
        return TypedResults.Created("/api/v1/watchlists/allow-list", request);
    }

    private static async Task<Ok<AllowListRequest>> DecidedAsync(Task<AllowListRequest> decision) => TypedResults.Ok(await decision.ConfigureAwait(false));

    private static EntryView View(WatchlistEntry e) =>
        new(e.List, e.Id, e.Kind.ToString().ToLowerInvariant(), e.Name, [.. e.Aliases], [.. e.Countries], e.Programs, e.Remarks);

    private static ChangeView Change(WatchlistChange c) => new(c.List, c.Entries, c.Added, c.Removed, c.Amended);
}
