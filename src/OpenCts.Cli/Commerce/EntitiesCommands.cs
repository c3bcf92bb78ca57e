using System.ComponentModel;
using OpenCts.Application.Commerce;
using OpenCts.Cli.Common;
using OpenCts.Cli.Users;
using OpenCts.Domain.Consignments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Commerce;

/// <summary>Registers <c>cts orders import</c> and <c>cts entities show|links|merge|split</c>.</summary>
internal static class CommerceCommands
{
    public static void AddCommerceCommands(this IConfigurator config)
    {
        config.AddBranch("orders", orders =>
        {
            orders.SetDescription("Order records from e-commerce platforms, linked to parcels by tracking number.");
            orders.AddCommand<PlatformOrdersCommand>("import").WithDescription("Store platform-order files (docs/platform-orders.md); each bad order is named and left out, the others are kept.")
                .WithExample("orders", "import", "samples/platform-orders");
        });
        config.AddBranch("entities", entities =>
        {
            entities.SetDescription("The people and firms behind the parties: their records, why they were linked, and analysts' merges and splits.");
            entities.AddCommand<ShowEntityCommand>("show").WithDescription("An entity's names, addresses, phones, e-mails, consignments and counterparties.");
            entities.AddCommand<EntityLinksCommand>("links").WithDescription("The entity of each party of a consignment, and why its record was linked.");
            entities.AddCommand<MergeEntitiesCommand>("merge").WithDescription("Merge the second entity into the first (journaled, with a reason).");
            entities.AddCommand<SplitEntityCommand>("split").WithDescription("Take records (DOCUMENT-KEY|ROLE) out of an entity into a new one (journaled, with a reason).");
        });
    }
}

internal sealed class ShowEntityCommand : AsyncCommand<ShowEntityCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<ENTITY>")]
        [Description("The entity's id, such as E-000123.")]
        public string Entity { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Workspace.RequireStore(settings);
        await using var store = Workspace.OpenStore(settings);
        var view = await Workspace.Application(store).Entities.EntityAsync(settings.Entity, cancellationToken);
        if (view is null)
        {
            Output.Error($"no entity {settings.Entity}");
            return 1;
        }
        AnsiConsole.MarkupLineInterpolated($"[bold]{view.EntityId}[/]: {view.Consignments} consignments from {view.FirstSeen:yyyy-MM-dd} to {view.LastSeen:yyyy-MM-dd}, {view.Examined} examined, {view.Seizures} with a finding.");
        var facts = new Table().AddColumns("", "");
        facts.AddRow("names", Markup.Escape(string.Join("; ", view.NameVariants)));
        facts.AddRow("addresses", Markup.Escape(string.Join("; ", view.Addresses)));
        facts.AddRow("phones", Markup.Escape(string.Join("; ", view.Phones)));
        facts.AddRow("e-mails", Markup.Escape(string.Join("; ", view.Emails)));
        AnsiConsole.Write(facts);
        var records = new Table().AddColumns("consignment", "role", "name as written", "at");
        foreach (var record in view.Records)
        {
            records.AddRow(Markup.Escape(record.DocumentKey), record.Role.ToString(), Markup.Escape(record.Name), record.At.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(records);
        if (view.Counterparties.Count > 0)
        {
            var counterparties = new Table().AddColumns("counterparty", "name", "role", "shared consignments");
            foreach (var c in view.Counterparties)
            {
                counterparties.AddRow(c.EntityId, Markup.Escape(c.Name), c.Role.ToString(), c.Consignments.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(counterparties);
        }
        return 0;
    }
}

internal sealed class EntityLinksCommand : AsyncCommand<EntityLinksCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<DOCUMENT-KEY>")]
        [Description("The consignment's key, such as ExpressParcel:LX123456789NL.")]
        public string DocumentKey { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Workspace.RequireStore(settings);
        await using var store = Workspace.OpenStore(settings);
        var links = await Workspace.Application(store).Entities.LinksOfAsync(settings.DocumentKey, cancellationToken);
        if (links.Count == 0)
        {
            Output.Error($"{settings.DocumentKey}: no party of it is linked to an entity (unknown, or not assessed yet)");
            return 1;
        }
        var table = new Table().AddColumns("role", "name", "entity", "why");
        foreach (var link in links)
        {
            table.AddRow(link.Role.ToString(), Markup.Escape(link.Name), link.EntityId, Markup.Escape(string.Join("\n", link.Reasons)));
        }
        AnsiConsole.Write(table);
        return 0;
    }
}

internal class EntityDecisionSettings : StoreSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description("Why: kept with the decision in the journal and the audit log.")]
    public string Reason { get; init; } = "";

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Reason) ? ValidationResult.Error("--reason TEXT is required") : ValidationResult.Success();
}

internal sealed class MergeEntitiesCommand : AsyncCommand<MergeEntitiesCommand.Settings>
{
    public sealed class Settings : EntityDecisionSettings
    {
        [CommandArgument(0, "<ENTITY>")]
        [Description("The entity that remains.")]
        public string Entity { get; init; } = "";

        [CommandArgument(1, "<OTHER>")]
        [Description("The entity merged into it.")]
        public string Other { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Workspace.RequireStore(settings);
        await using var store = Workspace.OpenStore(settings);
        try
        {
            var change = await Workspace.Application(store).Entities.MergeAsync(settings.Entity, settings.Other, settings.Reason, UsersCommands.Actor, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"{change.Description}");
            return 0;
        }
        catch (EntityDecisionException e)
        {
            Output.Error(e.Message);
            return 1;
        }
    }
}

internal sealed class SplitEntityCommand : AsyncCommand<SplitEntityCommand.Settings>
{
    public sealed class Settings : EntityDecisionSettings
    {
        [CommandArgument(0, "<ENTITY>")]
        [Description("The entity to take records out of.")]
        public string Entity { get; init; } = "";

        [CommandOption("--record <KEY|ROLE>")]
        [Description("A record to take out, as DOCUMENT-KEY|ROLE (Consignor, Consignee, NotifyParty); repeat for more.")]
        public string[] Records { get; init; } = [];

        public override ValidationResult Validate()
        {
            if (Records.Length == 0)
            {
                return ValidationResult.Error("--record DOCUMENT-KEY|ROLE is required");
            }
            foreach (var record in Records)
            {
                var bar = record.LastIndexOf('|');
                if (bar <= 0 || !Enum.TryParse<PartyRole>(record[(bar + 1)..], ignoreCase: true, out _))
                {
                    return ValidationResult.Error($"--record '{record}' is not DOCUMENT-KEY|ROLE, such as ExpressParcel:LX1|Consignee");
                }
            }
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Workspace.RequireStore(settings);
        await using var store = Workspace.OpenStore(settings);
        var records = settings.Records.Select(r => (r[..r.LastIndexOf('|')], Enum.Parse<PartyRole>(r[(r.LastIndexOf('|') + 1)..], ignoreCase: true))).ToList();
        try
        {
            var change = await Workspace.Application(store).Entities.SplitAsync(settings.Entity, records, settings.Reason, UsersCommands.Actor, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"{change.Description}");
            return 0;
        }
        catch (EntityDecisionException e)
        {
            Output.Error(e.Message);
            return 1;
        }
    }
}
