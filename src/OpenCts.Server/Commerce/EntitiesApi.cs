using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenCts.Application;
using OpenCts.Application.Commerce;
using OpenCts.Application.Privacy;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Server.Auth;
using OpenCts.Server.Consignments;

namespace OpenCts.Server.Commerce;

/// <summary>Entities (<c>/api/v1/entities</c>), the entities of a consignment's parties, and the analysts' merges and splits.</summary>
public static class EntitiesApi
{
    /// <summary>The audit action of a read of an entity.</summary>
    public const string ReadAction = PersonalDataReads.ActionPrefix + "GET /api/v1/entities/{id}";

    /// <summary>A merge: the entity to fold into this one, and why.</summary>
    public sealed record MergeRequest(string? Other, string? Reason);

    /// <summary>A record to split off: its consignment and the party's role on it.</summary>
    public sealed record SplitRecord(string? DocumentKey, string? Role);

    /// <summary>A split: the records to take out into a new entity, and why.</summary>
    public sealed record SplitRequest(IReadOnlyList<SplitRecord>? Records, string? Reason);

    public static IEndpointRouteBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/entities").WithTags("Entities");
        group.MapGet("/{id}", EntityAsync).RequireAuthorization(Policies.ReadConsignments)
            .WithSummary("An entity: its counts, name variants, addresses, phones, e-mails, records and counterparties. Names, addresses, phones and e-mails are masked for roles without the need; each read is audited.");
        group.MapPost("/{id}/merge", MergeAsync).RequireAuthorization(Policies.ManageEntities)
            .WithSummary("Merges the entity named by `other` into this one, with a reason; stored, journaled and audited. 409 when an id is unknown or the two are one already.");
        group.MapPost("/{id}/split", SplitAsync).RequireAuthorization(Policies.ManageEntities)
            .WithSummary("Takes the records named (documentKey and role) out of this entity into a new one, with a reason; 409 when a record is not in the entity or the split would take them all.");
        app.MapGet("/api/v1/consignments/{document}/entities", LinksAsync).WithTags("Entities").RequireAuthorization(Policies.ReadConsignments)
            .WithSummary("The entity of each party of the consignment (consignor, consignee, notify party) and the reasons its record was linked, strongest first.");
        return app;
    }

    private static async Task<Results<Ok<EntityApiView>, ProblemHttpResult>> EntityAsync(CtsApplication application, HttpContext context, string id, CancellationToken cancellationToken)
    {
        var view = await application.Entities.EntityAsync(id, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return NotFound(id);
        }
        var (user, role) = Caller(context);
        var masked = !PersonalDataAccess.Sees(role);
        await application.Audit.RecordAsync(user, ReadAction, "entity=" + view.EntityId, masked ? "masked" : "unmasked", cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(EntityViews.Entity(view, masked));
    }

    private static async Task<Results<Ok<IReadOnlyList<PartyLinkView>>, ProblemHttpResult>> LinksAsync(CtsApplication application, HttpContext context, string document, CancellationToken cancellationToken)
    {
        if (await application.Consignments.DetailAsync(document, cancellationToken).ConfigureAwait(false) is null)
        {
            return ConsignmentsApi.NotFound(document);
        }
        var links = await application.Entities.LinksOfAsync(document, cancellationToken).ConfigureAwait(false);
        var (user, role) = Caller(context);
        var unmasked = application.PersonalData.Unmasking.SeesUnmasked(user, role, document);
        await application.PersonalData.Reads.RecordAsync(user, "GET /api/v1/consignments/{document}/entities", links.Count > 0 ? [document] : [], !unmasked, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<PartyLinkView>>([.. links.Select(l => EntityViews.Link(l, !unmasked))]);
    }

    private static async Task<Results<Ok<EntityChangeView>, ProblemHttpResult>> MergeAsync(CtsApplication application, HttpContext context, string id, MergeRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Other))
        {
            throw new DomainException("other", "name the entity to merge into this one, such as E-000123");
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new DomainException("reason", "give the reason for the merge");
        }
        var change = await application.Entities.MergeAsync(id, request.Other.Trim(), request.Reason, CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(EntityViews.Change(change));
    }

    private static async Task<Results<Ok<EntityChangeView>, ProblemHttpResult>> SplitAsync(CtsApplication application, HttpContext context, string id, SplitRequest request, CancellationToken cancellationToken)
    {
        if (request.Records is not { Count: > 0 } records)
        {
            throw new DomainException("records", "name at least one record to split off, as documentKey and role");
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new DomainException("reason", "give the reason for the split");
        }
        var parsed = new List<(string, PartyRole)>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (string.IsNullOrWhiteSpace(record.DocumentKey))
            {
                throw new DomainException($"records[{i}].documentKey", "is required");
            }
            if (!Enum.TryParse<PartyRole>(record.Role, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(record.Role, out _))
            {
                throw new DomainException($"records[{i}].role", $"'{record.Role}' is not a party role; one of Consignor, Consignee, NotifyParty");
            }
            parsed.Add((record.DocumentKey.Trim(), role));
        }
        var change = await application.Entities.SplitAsync(id, parsed, request.Reason, CtsPrincipal.NameOf(context.User), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(EntityViews.Change(change));
    }

    private static (string User, string? Role) Caller(HttpContext context) =>
        (CtsPrincipal.NameOf(context.User), context.User.FindFirst(ClaimTypes.Role)?.Value);

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such entity", detail: $"no entity has the id '{id}'");
}
