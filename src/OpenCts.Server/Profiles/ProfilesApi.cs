using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Application.Profiles;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Profiles;
using OpenCts.Server.Auth;
using OpenCts.Server.Common;
using OpenCts.Server.Consignments;

namespace OpenCts.Server.Profiles;

/// <summary>Risk profiles and their life: <c>/api/v1/profiles</c>.</summary>
public static class ProfilesApi
{
    /// <summary>A draft profile as an analyst writes it; the owner is the caller.</summary>
    public sealed record ProfileRequest(string? Id, string? Name, string? Category, string? Criteria, double? Weight, string? Action, string? Description, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo);

    /// <summary>A profile version as the API shows it.</summary>
    public sealed record ProfileView(string Id, int Version, string Name, string Category, string Criteria, double Weight, string Action, string Owner, string Status, string? Description, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo);

    /// <summary>One line of a backtest: the profile first, with some of its hits, then the profiles in force over the same consignments.</summary>
    public sealed record BacktestView(string Name, int Consignments, int Hit, double HitShare, int ExaminedHits, int IrregularHits, double? HitRate, DateTimeOffset? FirstArrival, DateTimeOffset? LastArrival,
        IReadOnlyList<BacktestSample>? Samples = null);

    /// <summary>Criteria to check, as the editor sends them while the analyst types.</summary>
    public sealed record CompileRequest(string? Criteria);

    /// <summary>One compile error at a line and column of the criteria (both from 1).</summary>
    public sealed record CompileError(int Line, int Column, string Message);

    /// <summary>What the profile compiler says of some criteria: no errors means they would compile against the lists in force.</summary>
    public sealed record CompileView(bool Ok, IReadOnlyList<CompileError> Errors);

    public static IEndpointRouteBuilder MapProfilesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/profiles").WithTags("Profiles");
        group.MapGet("", ListAsync).RequireAuthorization(Policies.ReadProfiles).WithSummary("The latest version of every profile, filtered by status.");
        group.MapPost("/compile", CompileAsync).RequireAuthorization(Policies.WriteProfiles)
            .WithSummary("Checks criteria with the profile compiler against the lists in force, without saving: every error with its line and column.");
        group.MapGet("/{id}", VersionsAsync).RequireAuthorization(Policies.ReadProfiles).WithSummary("Every version of one profile, oldest first.");
        group.MapPost("", SaveDraftAsync).RequireAuthorization(Policies.WriteProfiles).WithSummary("Saves a draft (a new version) after the compile check; the caller owns it.");
        group.MapPost("/{id}/submit", (CtsApplication a, HttpContext c, string id, CancellationToken t) => MoveAsync(a, id, t, p => a.Profiles.SubmitAsync(id, CtsPrincipal.NameOf(c.User), t)))
            .RequireAuthorization(Policies.WriteProfiles).WithSummary("Submits the latest draft for approval.");
        group.MapPost("/{id}/approve", (CtsApplication a, HttpContext c, string id, CancellationToken t) => MoveAsync(a, id, t, p => a.Profiles.ApproveAsync(id, CtsPrincipal.NameOf(c.User), t)))
            .RequireAuthorization(Policies.ApproveProfiles).WithSummary("Approves a submitted profile and puts it in force; never by its owner (409).");
        group.MapPost("/{id}/reject", (CtsApplication a, HttpContext c, string id, CancellationToken t) => MoveAsync(a, id, t, p => a.Profiles.RejectAsync(id, CtsPrincipal.NameOf(c.User), t)))
            .RequireAuthorization(Policies.ApproveProfiles).WithSummary("Sends a submitted profile back to draft; never by its owner (409).");
        group.MapPost("/{id}/retire", (CtsApplication a, HttpContext c, string id, CancellationToken t) => MoveAsync(a, id, t, p => a.Profiles.RetireAsync(id, CtsPrincipal.NameOf(c.User), t)))
            .RequireAuthorization(Policies.ApproveProfiles).WithSummary("Takes a profile out of force for good.");
        group.MapPost("/{id}/backtest", BacktestAsync).RequireAuthorization(Policies.Backtest)
            .WithSummary("Runs the latest version over the stored history (consignments arriving from 'from' until 'to', either open), beside the profiles in force, with up to 20 sample hits.");
        return app;
    }

    private static async Task<Ok<PageView<ProfileView>>> ListAsync(CtsApplication application, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = Paging.Of(page, pageSize);
        ProfileStatus? wanted = status is null ? null : ParseEnum<ProfileStatus>(status, "status");
        var now = application.Store.Clock.GetUtcNow();
        var profiles = (await application.Store.Profiles.LatestAsync(cancellationToken).ConfigureAwait(false))
            .Where(profile => wanted is null || ProfileLifecycle.StatusAt(profile, now) == wanted)
            .Select(profile => View(profile, now))
            .ToList();
        return TypedResults.Ok(new PageView<ProfileView>(Paging.Slice(profiles, p, size), p, size, profiles.Count));
    }

    private static async Task<Results<Ok<IReadOnlyList<ProfileView>>, ProblemHttpResult>> VersionsAsync(CtsApplication application, string id, CancellationToken cancellationToken)
    {
        var versions = await application.Store.Profiles.VersionsAsync(id, cancellationToken).ConfigureAwait(false);
        var now = application.Store.Clock.GetUtcNow();
        return versions.Count == 0 ? NotFound(id) : TypedResults.Ok<IReadOnlyList<ProfileView>>([.. versions.Select(v => View(v, now))]);
    }

    private static async Task<Created<ProfileView>> SaveDraftAsync(CtsApplication application, HttpContext context, ProfileRequest request, CancellationToken cancellationToken)
    {
        var draft = new RiskProfile(
            request.Id!,
            request.Name!,
            ParseEnum<ThreatCategory>(request.Category, "category"),
            request.Criteria!,
            request.Weight ?? throw new DomainException("weight", "is required"),
            ParseEnum<ProfileAction>(request.Action, "action"),
            CtsPrincipal.NameOf(context.User),
            ProfileStatus.Draft,
            validFrom: request.ValidFrom,
            validTo: request.ValidTo,
            description: request.Description);
        var latest = await application.Profiles.LatestAsync(draft.Id, cancellationToken).ConfigureAwait(false);
        var saved = await application.Profiles.SaveDraftAsync(draft with { Version = latest?.Version ?? 1 }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/profiles/{Uri.EscapeDataString(saved.Id)}", View(saved, application.Store.Clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<ProfileView>, ProblemHttpResult>> MoveAsync(CtsApplication application, string id, CancellationToken cancellationToken, Func<RiskProfile, Task<RiskProfile>> move)
    {
        var latest = await application.Profiles.LatestAsync(id, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return NotFound(id);
        }
        var moved = await move(latest).ConfigureAwait(false);
        return TypedResults.Ok(View(moved, application.Store.Clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<IReadOnlyList<BacktestView>>, ProblemHttpResult>> BacktestAsync(CtsApplication application, string id, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var latest = await application.Profiles.LatestAsync(id, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            return NotFound(id);
        }
        if (from is { } f && to is { } t && t < f)
        {
            throw new DomainException("to", $"{t:O} is before from {f:O}");
        }
        var run = await application.Backtests.TryAsync(latest, from, to, samples: 20, cancellationToken).ConfigureAwait(false);
        static BacktestView Line(Targeting.Backtesting.BacktestResult r, IReadOnlyList<BacktestSample>? samples) =>
            new(r.Name, r.Consignments, r.Hit, r.HitShare, r.ExaminedHits, r.IrregularHits, r.HitRate, r.FirstArrival, r.LastArrival, samples);
        return TypedResults.Ok<IReadOnlyList<BacktestView>>([Line(run.Profile, run.Samples), Line(run.Active, null)]);
    }

    private static async Task<Ok<CompileView>> CompileAsync(CtsApplication application, CompileRequest request, CancellationToken cancellationToken)
    {
        var errors = await application.Profiles.CheckCriteriaAsync(request.Criteria ?? "", cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CompileView(errors.Count == 0, [.. errors.Select(e => new CompileError(e.Line, e.Column, e.Message))]));
    }

    private static ProfileView View(RiskProfile p, DateTimeOffset now) => new(
        p.Id, p.Version, p.Name, ConsignmentViews.Kebab(p.Category.ToString()), p.Criteria, p.Weight, ConsignmentViews.Kebab(p.Action.ToString()), p.Owner,
        ConsignmentViews.Kebab(ProfileLifecycle.StatusAt(p, now).ToString()), p.Description, p.ValidFrom, p.ValidTo);

    /// <summary>An enum value written as the API shows it (<c>red-lane</c>) or as its name (<c>RedLane</c>).</summary>
    private static T ParseEnum<T>(string? text, string field)
        where T : struct, Enum
    {
        var name = text?.Replace("-", "", StringComparison.Ordinal);
        return name is not null && Enum.TryParse<T>(name, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new DomainException(field, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(ConsignmentViews.Kebab))}");
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such profile", detail: $"no profile has the id '{id}'");
}
