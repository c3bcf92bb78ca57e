using OpenCts.Application.Intake;
using OpenCts.Ingestion.Pipeline;
using OpenCts.Ingestion.PlatformOrders;
using OpenCts.Targeting.Catalog;

namespace OpenCts.Application;

/// <summary>What loading bundle folders did: the configuration loaded and the messages received.</summary>
public sealed record BundleSummary(int Profiles, IntakeSummary Messages)
{
    /// <summary>What became of each platform-order file (<c>platform-orders/*.json</c>).</summary>
    public IReadOnlyList<Commerce.PlatformOrderReceipt> PlatformOrders { get; init; } = [];
}

/// <summary>Loads bundle folders laid out like <c>samples/</c>: reference lists, trusted traders, watch lists and profiles first, then messages.</summary>
/// <remarks>
/// A folder with none of the known subfolders is taken as messages alone; a file is taken as a message. Configuration
/// is loaded before messages, so the assessment that follows uses it.
/// </remarks>
public sealed class BundleLoading(CtsApplication application)
{
    private static readonly string[] MessageFolders = ["consignments", "messages"];
    private static readonly string[] ConfigurationFolders = ["profiles", "watchlists", "reference-lists", "trusted-traders", PlatformOrderReader.BundleFolder];

    /// <summary>The message files of paths: the files given, and those in the message folders of bundles.</summary>
    public static IReadOnlyList<string> MessageFiles(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                files.Add(path);
            }
            else if (!IsBundle(path))
            {
                files.AddRange(FileReceiver.Expand([path]));
            }
            else
            {
                files.AddRange(FileReceiver.Expand(MessageFolders.Select(f => Path.Combine(path, f)).Where(Directory.Exists)));
            }
        }
        return files;
    }

    /// <summary>Loads the configuration of every bundle among the paths, then receives every message file.</summary>
    /// <param name="paths">Bundle folders, message folders or message files.</param>
    /// <param name="progress">Told after each message file.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    /// <exception cref="OpenCts.Domain.Common.InputFormatException">A list, register or profile file cannot be read.</exception>
    public async Task<BundleSummary> LoadAsync(IReadOnlyList<string> paths, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var profiles = 0;
        var orders = new List<Commerce.PlatformOrderReceipt>();
        foreach (var path in paths.Where(p => Directory.Exists(p) && IsBundle(p)))
        {
            profiles += await LoadConfigurationAsync(path, cancellationToken).ConfigureAwait(false);
            // Orders before parcels: a parcel is linked to its order by tracking number when it is assessed.
            foreach (var file in Files(Path.Combine(path, PlatformOrderReader.BundleFolder), "*.json"))
            {
                await using var content = File.OpenRead(file);
                orders.Add(await application.PlatformOrders.ReceiveAsync(content, file, cancellationToken).ConfigureAwait(false));
            }
        }
        var summary = await ReceiveAsync(MessageFiles(paths), progress, cancellationToken).ConfigureAwait(false);
        return new BundleSummary(profiles, summary) { PlatformOrders = orders };
    }

    /// <summary>Receives message files in order, many to a transaction (<see cref="MessageIntake.ReceiveFilesAsync"/>), counting what became of them.</summary>
    public async Task<IntakeSummary> ReceiveAsync(IReadOnlyList<string> files, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var summary = new IntakeSummary();
        var done = 0;
        await application.Intake.ReceiveFilesAsync(files, file =>
        {
            summary.Add(file);
            progress?.Report(++done);
        }, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private static bool IsBundle(string folder) =>
        MessageFolders.Concat(ConfigurationFolders).Any(f => Directory.Exists(Path.Combine(folder, f)));

    private async Task<int> LoadConfigurationAsync(string bundle, CancellationToken cancellationToken)
    {
        foreach (var file in Files(Path.Combine(bundle, "reference-lists"), "*.txt"))
        {
            await application.Lists.LoadReferenceListAsync(file, cancellationToken).ConfigureAwait(false);
        }
        var registers = Files(Path.Combine(bundle, "trusted-traders"), "*.csv").ToList();
        if (registers.Count > 0)
        {
            await application.Lists.LoadTrustedTradersAsync(registers, cancellationToken).ConfigureAwait(false);
        }
        var watchlists = Path.Combine(bundle, "watchlists");
        if (Directory.Exists(watchlists))
        {
            await application.Lists.LoadWatchlistsAsync(watchlists, cancellationToken).ConfigureAwait(false);
        }
        var saved = 0;
        foreach (var file in Files(Path.Combine(bundle, "profiles"), "*.json"))
        {
            saved += (await application.Profiles.ImportAsync(ProfileFile.Load(file), file, cancellationToken).ConfigureAwait(false)).Count;
        }
        return saved;
    }

    private static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, pattern).Order(StringComparer.Ordinal) : [];
}
