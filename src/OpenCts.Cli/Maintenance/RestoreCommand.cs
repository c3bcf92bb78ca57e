using System.ComponentModel;
using System.Globalization;
using OpenCts.Application.Maintenance;
using OpenCts.Cli.Common;
using OpenCts.Storage.Maintenance;
using OpenCts.Storage.Sqlite.Maintenance;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Maintenance;

/// <summary><c>cts restore --from DIR</c>: brings a backup back into the <c>--data</c> folder after checking every file and the ledger against its manifest.</summary>
internal sealed class RestoreCommand : AsyncCommand<RestoreCommand.Settings>
{
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--from <DIR>")]
        [Description("The backup folder cts backup wrote.")]
        public string? From { get; init; }

        [CommandOption("--force")]
        [Description("Replace a data folder that is not empty; the old folder is kept beside it as DIR.replaced-TIME.")]
        public bool Force { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(From) ? ValidationResult.Error("--from DIR is required: the backup folder to restore") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var result = await StoreBackups.RestoreAsync(settings.From!, settings.DataDirectory, settings.Force, Backend, TimeProvider.System, cancellationToken);
            var manifest = result.Manifest;
            AnsiConsole.MarkupLineInterpolated(
                $"restored the backup of {manifest.Source} taken at {manifest.CreatedAt:O} into {settings.DataDirectory}: {manifest.Messages.ToString("N0", CultureInfo.InvariantCulture)} messages, ledger tree {result.Ledger.TreeSize.ToString("N0", CultureInfo.InvariantCulture)} leaves, root {result.Ledger.RootBase64} as the manifest records");
            if (result.ReplacedFolder is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"the store it replaced is kept in {result.ReplacedFolder}");
            }
            AnsiConsole.MarkupLineInterpolated($"check it with: cts ledger audit --data {settings.DataDirectory}");
            return 0;
        }
        catch (StoreBackupException e)
        {
            Output.Error(e.Message);
            return 2;
        }
    }

    private static IStoreBackup Backend(BackupManifest manifest, string folder) => manifest.Backend == "postgres"
        ? new OpenCts.Storage.Postgres.Maintenance.PostgresStoreBackup(OpenCts.Storage.Postgres.PostgresConnection.Parse(manifest.Source).ConnectionString)
        : new SqliteStoreBackup(folder);
}
