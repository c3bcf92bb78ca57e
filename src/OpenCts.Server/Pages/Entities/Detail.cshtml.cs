using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCts.Application;
using OpenCts.Application.Commerce;
using OpenCts.Application.Privacy;
using OpenCts.Domain.Consignments;
using OpenCts.Server.Auth;
using OpenCts.Server.Commerce;
using OpenCts.Server.Web;

namespace OpenCts.Server.Pages.Entities;

/// <summary>One entity: its names, addresses, phones, e-mails, records and counterparties, its network, and the analysts' merge and split forms.</summary>
[Authorize(Policy = Policies.ReadConsignments)]
public sealed class DetailModel(CtsApplication application, IAuthorizationService authorization) : PageModel
{
    /// <summary>The audit action of a read of this page.</summary>
    public const string ReadAction = PersonalDataReads.ActionPrefix + "GET /entities/{id}";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public EntityApiView Entity { get; private set; } = null!;

    public bool MayManage { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    /// <summary>What was typed into the merge form, kept when the core refused it.</summary>
    public string? MergeOther { get; private set; }

    public string? MergeReason { get; private set; }

    public string? SplitReason { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync().ConfigureAwait(false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMergeAsync(string? other, string? reason)
    {
        if (!await authorization.MayAsync(User, Policies.ManageEntities).ConfigureAwait(false))
        {
            return Forbid();
        }
        if (string.IsNullOrWhiteSpace(other))
        {
            Error = "other: name the entity to merge into this one, such as E-000123";
        }
        else if (string.IsNullOrWhiteSpace(reason))
        {
            Error = "reason: give the reason for the merge";
        }
        else
        {
            try
            {
                var change = await application.Entities.MergeAsync(Id, other.Trim(), reason, WebUser.NameOf(User), HttpContext.RequestAborted).ConfigureAwait(false);
                Message = $"Merged: {change.Description}.";
                return await LoadAsync().ConfigureAwait(false) ? Page() : NotFound();
            }
            catch (EntityDecisionException e)
            {
                Error = "Refused: " + e.Message;
            }
        }
        (MergeOther, MergeReason) = (other, reason);
        return await LoadAsync().ConfigureAwait(false) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSplitAsync(string[]? records, string? reason)
    {
        if (!await authorization.MayAsync(User, Policies.ManageEntities).ConfigureAwait(false))
        {
            return Forbid();
        }
        var chosen = new List<(string, PartyRole)>();
        foreach (var record in records ?? [])
        {
            var bar = record.LastIndexOf('|');
            if (bar > 0 && Enum.TryParse<PartyRole>(record[(bar + 1)..], out var role))
            {
                chosen.Add((record[..bar], role));
            }
        }
        if (chosen.Count == 0)
        {
            Error = "records: tick at least one record to split off";
        }
        else if (string.IsNullOrWhiteSpace(reason))
        {
            Error = "reason: give the reason for the split";
        }
        else
        {
            try
            {
                var change = await application.Entities.SplitAsync(Id, chosen, reason, WebUser.NameOf(User), HttpContext.RequestAborted).ConfigureAwait(false);
                Message = $"Split off into {change.EntityId}: {change.Description}.";
                return await LoadAsync().ConfigureAwait(false) ? Page() : NotFound();
            }
            catch (EntityDecisionException e)
            {
                Error = "Refused: " + e.Message;
            }
        }
        SplitReason = reason;
        return await LoadAsync().ConfigureAwait(false) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var view = await application.Entities.EntityAsync(Id, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return false;
        }
        var masked = !PersonalDataAccess.Sees(WebUser.RoleOf(User));
        await application.Audit.RecordAsync(WebUser.NameOf(User), ReadAction, "entity=" + view.EntityId, masked ? "masked" : "unmasked", cancellationToken).ConfigureAwait(false);
        Entity = EntityViews.Entity(view, masked);
        MayManage = await authorization.MayAsync(User, Policies.ManageEntities).ConfigureAwait(false);
        return true;
    }

    /// <summary>The network drawn by the page's script: this entity, its records' consignments and its counterparties, as JSON.</summary>
    public string GraphJson()
    {
        var nodes = new List<object> { new { id = Entity.Id, name = Entity.Id, label = Entity.Id, kind = "entity", href = "/entities/" + Uri.EscapeDataString(Entity.Id) } };
        var links = new List<object>();
        foreach (var document in Entity.Records.Select(r => r.DocumentKey).Distinct(StringComparer.Ordinal))
        {
            nodes.Add(new { id = "doc:" + document, name = document, label = document[(document.LastIndexOf(':') + 1)..], kind = "consignment", href = "/consignments/" + Uri.EscapeDataString(document) });
            links.Add(new { source = Entity.Id, target = "doc:" + document });
        }
        foreach (var c in Entity.Counterparties)
        {
            nodes.Add(new { id = c.EntityId, name = $"{c.EntityId} {c.Name}", label = c.EntityId, kind = "counterparty", href = "/entities/" + Uri.EscapeDataString(c.EntityId) });
            links.Add(new { source = Entity.Id, target = c.EntityId, value = c.Consignments });
        }
        return System.Text.Json.JsonSerializer.Serialize(new { nodes, links });
    }
}
