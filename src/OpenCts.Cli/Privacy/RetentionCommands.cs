using Spectre.Console.Cli;

namespace OpenCts.Cli.Privacy;

/// <summary>Registers <c>cts retention</c>.</summary>
internal static class RetentionCommands
{
    public static void AddRetentionCommands(this IConfigurator config)
    {
        config.AddBranch("retention", retention =>
        {
            retention.SetDescription("Retention of personal data: purge records past their period, leaving journaled tombstones; the ledger stays verifiable.");
            retention.AddCommand<RetentionApplyCommand>("apply")
                .WithDescription("Purge every record past its rule's period (--dry-run: only list them); then run cts ledger checkpoint so the tombstones enter the log.")
                .WithExample("retention", "apply", "--keep", "audit=400d", "--keep", "consignment=5y", "--dry-run");
        });
    }
}
