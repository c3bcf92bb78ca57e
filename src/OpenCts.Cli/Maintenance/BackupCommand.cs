using System.ComponentModel;
using System.Globalization;
using OpenCts.Application.Maintenance;
using OpenCts.Cli.Common;
using OpenCts.Storage.Maintenance;
using OpenCts.Storage.Postgres.Maintenance;
using OpenCts.Storage.Sqlite.Maintenance;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Maintenance;

/// <summary><c>cts backup --to DIR</c>: a consistent copy of the store, taken while a server runs on it, with a manifest a restore checks.</summary>
internal sealed class BackupCommand : AsyncCommand<BackupCommand.Settings>
{
    public sealed class Settings : SharedStoreSettings
    {
        [CommandOption("--to <DIR>")]
        [Description("The backup folder: new or empty; it receives the database copy, the data folder's keys and models, and manifest.json.")]
        public string? To { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(To) ? ValidationResult.Error("--to DIR is required: the folder to back up into") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IStoreBackup backend;
        string dataDirectory;
        if (settings.IsPostgres)
        {
            // Opening the store names an unreachable server clearly and finds the folder of keys that goes with the database.
            await using var store = await Workspace.OpenStoreAsync(settings, cancellationToken);
            backend = new PostgresStoreBackup(OpenCts.Storage.Postgres.PostgresConnection.Parse(settings.StoreLocation.Value).ConnectionString);
            dataDirectory = store.DataDirectory;
        }
        else
        {
            var folder = settings.StoreLocation.Value;
            if (!OpenCts.Storage.Sqlite.SqliteStore.Exists(folder))
            {
                throw new NoStoreException(folder);
            }
            backend = new SqliteStoreBackup(folder);
            dataDirectory = folder;
        }
        try
        {
            var manifest = await StoreBackups.BackupAsync(backend, dataDirectory, settings.StoreLocation.ToString(), settings.To!, TimeProvider.System, cancellationToken);
            var table = new Table().AddColumns("backend", "messages", "tree size", "root hash", "pending leaves", "files", "bytes");
            table.AddRow(manifest.Backend, manifest.Messages.ToString("N0", CultureInfo.InvariantCulture), manifest.TreeSize.ToString("N0", CultureInfo.InvariantCulture),
                manifest.RootHash, manifest.PendingLeaves.ToString("N0", CultureInfo.InvariantCulture), manifest.Files.Count.ToString(CultureInfo.InvariantCulture),
                manifest.Files.Sum(f => f.Bytes).ToString("N0", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"backed up {settings.StoreLocation.ToString()} to {settings.To} at {manifest.CreatedAt:O}");
            return 0;
        }
        catch (StoreBackupException e)
        {
            Output.Error(e.Message);
            return 2;
        }
    }
}
