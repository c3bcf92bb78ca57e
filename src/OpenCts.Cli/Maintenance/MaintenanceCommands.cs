using Spectre.Console.Cli;

namespace OpenCts.Cli.Maintenance;

/// <summary>Registers <c>cts backup</c> and <c>cts restore</c>.</summary>
internal static class MaintenanceCommands
{
    public static void AddMaintenanceCommands(this IConfigurator config)
    {
        config.AddCommand<BackupCommand>("backup")
            .WithDescription("Copy the store, consistently, while a server runs on it (SQLite's online backup API, or pg_dump on a snapshot), with a manifest of the ledger's tree.")
            .WithExample("backup", "--data", "cts-data", "--to", "backups/2026-12-04");
        config.AddCommand<RestoreCommand>("restore")
            .WithDescription("Restore a backup into the --data folder (empty, or --force), after checking every file and the ledger's tree against its manifest.")
            .WithExample("restore", "--from", "backups/2026-12-04", "--data", "cts-data");
    }
}
