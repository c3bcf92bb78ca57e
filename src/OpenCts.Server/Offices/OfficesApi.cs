using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Server.Auth;
using OpenCts.Storage.Offices;

namespace OpenCts.Server.Offices;

/// <summary>Each office's examination capacity per day and target share per lane (<c>/api/v1/offices</c>).</summary>
public static class OfficesApi
{
    /// <summary>An office's settings: examinations per day, the shares it aims at for the red and yellow lanes, and the share of its capacity kept for random selection.</summary>
    public sealed record OfficeRequest(int? ExaminationsPerDay, double? RedShare, double? YellowShare, double? RandomShare);

    /// <summary>The settings of an office in force.</summary>
    public sealed record OfficeView(string Office, int ExaminationsPerDay, double RedShare, double YellowShare, double RandomShare, string ChangedBy, DateTimeOffset ChangedAt)
    {
        public static OfficeView Of(OfficeSettings s) => new(s.Office, s.ExaminationsPerDay, s.RedShare, s.YellowShare, s.RandomShare, s.ChangedBy, s.ChangedAt);
    }

    public static IEndpointRouteBuilder MapOfficesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/offices").WithTags("Offices");
        group.MapGet("", ListAsync).RequireAuthorization(Policies.ReadOffices)
            .WithSummary("Every office's examination capacity per day and lane shares.");
        group.MapPut("/{office}", SetAsync).RequireAuthorization(Policies.ManageOffices)
            .WithSummary("Sets an office's examination capacity per day, its target red and yellow shares, and the share of the capacity kept for random selection (shares from 0 to 1). The red lane is filled by risk up to the capacity; the rest is marked overCapacity on the worklist.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<OfficeView>>> ListAsync(CtsApplication application, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<OfficeView>>([.. (await application.Offices.AllAsync(cancellationToken).ConfigureAwait(false)).Select(OfficeView.Of)]);

    private static async Task<Ok<OfficeView>> SetAsync(CtsApplication application, HttpContext context, string office, OfficeRequest request, CancellationToken cancellationToken)
    {
        var settings = await application.Offices.SetAsync(office, request.ExaminationsPerDay, request.RedShare, request.YellowShare, request.RandomShare, CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(OfficeView.Of(settings));
    }
}
