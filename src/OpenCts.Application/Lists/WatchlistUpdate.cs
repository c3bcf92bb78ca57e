using System.Net;
using OpenCts.Screening.Watchlists;
using OpenCts.Storage.Watchlists;

namespace OpenCts.Application.Lists;

/// <summary>Downloads the publishers' current watch-list files, reads them, and stores each list as a new version, journaled.</summary>
/// <remarks>
/// <para>Every file is downloaded into a fresh temporary folder and the whole folder is read before the store is touched: a
/// failed download, an answer too large or too slow, or a file that is not a watch list stops the update with
/// <see cref="WatchlistDownloadException"/> or <see cref="WatchlistFormatException"/>, and the store keeps what it had.</para>
/// <para>The instance holds no state between calls, so a hosted service may call <see cref="UpdateAsync"/> on a schedule.</para>
/// </remarks>
/// <param name="http">The client to download with; its owner disposes it.</param>
/// <param name="lists">Stores the lists read and refreshes the engine.</param>
/// <param name="limits">The size and time allowed for each file; <see cref="WatchlistDownloadLimits.Default"/> when null.</param>
public sealed class WatchlistUpdate(HttpClient http, ListLoading lists, WatchlistDownloadLimits? limits = null)
{
    /// <summary>The official addresses: OFAC's SDN files, OFAC's consolidated (non-SDN) files and the UN Security Council consolidated list.</summary>
    public static IReadOnlyList<Uri> DefaultSources { get; } =
    [
        new("https://www.treasury.gov/ofac/downloads/sdn.csv"),
        new("https://www.treasury.gov/ofac/downloads/alt.csv"),
        new("https://www.treasury.gov/ofac/downloads/add.csv"),
        new("https://www.treasury.gov/ofac/downloads/consolidated/cons_prim.csv"),
        new("https://www.treasury.gov/ofac/downloads/consolidated/cons_alt.csv"),
        new("https://www.treasury.gov/ofac/downloads/consolidated/cons_add.csv"),
        new("https://scsanctions.un.org/resources/xml/en/consolidated.xml"),
    ];

    private readonly WatchlistDownloadLimits _limits = limits ?? WatchlistDownloadLimits.Default;

    /// <summary>Downloads every source, reads them together and stores each list found as a new version, then refreshes the engine.</summary>
    /// <param name="sources">The addresses to download; <see cref="DefaultSources"/> when null.</param>
    /// <param name="cancellationToken">Stops the update; cancelled before the lists are stored, it leaves the store as it was.</param>
    /// <exception cref="ArgumentException">A source is not an http(s) address naming a file, or two sources name the same file.</exception>
    /// <exception cref="WatchlistDownloadException">A source could not be downloaded; nothing is stored.</exception>
    /// <exception cref="WatchlistFormatException">A downloaded file cannot be read; nothing is stored.</exception>
    public async Task<WatchlistUpdateResult> UpdateAsync(IReadOnlyList<Uri>? sources, CancellationToken cancellationToken)
    {
        sources ??= DefaultSources;
        var files = SavedAs(sources);
        var folder = Path.Combine(Path.GetTempPath(), "opencts-watchlists", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var (name, source) in files)
            {
                await DownloadAsync(source, Path.Combine(folder, name), cancellationToken).ConfigureAwait(false);
            }
            // A publisher that moves a file often answers 200 with a web page: that is a failed download, not a file to skip.
            foreach (var (name, source) in files)
            {
                if (WatchlistFormats.Detect(Path.Combine(folder, name)) == WatchlistFormat.Unknown)
                {
                    throw new WatchlistFormatException($"{source}: not a watch-list format OpenCTS reads (OFAC CSV, UN consolidated XML, or our own CSV or JSON)");
                }
            }
            WatchlistLoad load;
            try
            {
                load = WatchlistLoader.Load(folder);
            }
            catch (WatchlistFormatException e) when (e.File is { } file && files.TryGetValue(Path.GetFileName(file), out var source))
            {
                throw new WatchlistFormatException($"{source}: {e.Message}", e);
            }
            if (load.Entries.Count == 0)
            {
                throw new WatchlistFormatException($"no watch-list entries in the files of {string.Join(", ", sources)}");
            }
            // Each list is stored with the addresses its files came from, not the temporary folder's file names.
            var bySource = load.Sources.ToDictionary(
                p => p.Key,
                p => (IReadOnlyList<Uri>)[.. p.Value.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(file => files[file])],
                StringComparer.Ordinal);
            var addressed = load with { Sources = bySource.ToDictionary(p => p.Key, p => string.Join(", ", p.Value), StringComparer.Ordinal) };
            var changes = await lists.ReplaceWatchlistsAsync(addressed, string.Join(", ", sources), cancellationToken).ConfigureAwait(false);
            var updated = changes.Select(c => new UpdatedWatchlist(c.List, c.Entries, c.Added, c.Removed, c.Amended, bySource.GetValueOrDefault(c.List, []))).ToList();
            return new WatchlistUpdateResult(updated, sources, load.Notes);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open elsewhere; the folder is in the temporary area and the system clears it.
            }
        }
    }

    /// <summary>The file a source is saved as: the last segment of its path, except that the UN's <c>consolidated.xml</c> becomes <c>UN_consolidated.xml</c>.</summary>
    /// <exception cref="ArgumentException">The address is not http(s) or its path names no file.</exception>
    public static string FileNameFor(Uri source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.IsAbsoluteUri || (source.Scheme != Uri.UriSchemeHttp && source.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{source}: not an http or https address");
        }
        var name = Uri.UnescapeDataString(source.Segments[^1]);
        if (name.Length == 0 || name.EndsWith('/') || name is "." or ".." || name.IndexOfAny([.. Path.GetInvalidFileNameChars(), '\\', ',']) >= 0)
        {
            throw new ArgumentException($"{source}: the address does not end in a file name");
        }
        return string.Equals(name, "consolidated.xml", StringComparison.OrdinalIgnoreCase) ? "UN_consolidated.xml" : name;
    }

    /// <summary>The file each source is saved as, by name, after checking that no two sources share one.</summary>
    /// <exception cref="ArgumentException">There is no source, a source is not an http(s) address naming a file, or two sources name the same file.</exception>
    public static IReadOnlyDictionary<string, Uri> SavedAs(IReadOnlyList<Uri> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw new ArgumentException("no source to download");
        }
        var files = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            var name = FileNameFor(source);
            if (!files.TryAdd(name, source))
            {
                throw new ArgumentException($"{files[name]} and {source} would both be saved as {name}");
            }
        }
        return files;
    }

    private async Task DownloadAsync(Uri source, string file, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_limits.TimeoutPerFile);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, source);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new WatchlistDownloadException(source, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            }
            if (response.Content.Headers.ContentLength > _limits.MaxBytesPerFile)
            {
                throw TooLarge(source);
            }
            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    var buffer = new byte[81920];
                    long total = 0;
                    int read;
                    while ((read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                    {
                        total += read;
                        if (total > _limits.MaxBytesPerFile)
                        {
                            throw TooLarge(source);
                        }
                        await output.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own limit ran out, or the client's Timeout did: either way the source was too slow.
            throw new WatchlistDownloadException(source, $"no complete answer within {_limits.TimeoutPerFile.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            throw new WatchlistDownloadException(source, e.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "could not connect: " + e.Message,
                HttpRequestError.NameResolutionError => "host not found: " + e.Message,
                _ => e.Message,
            }, e);
        }
        catch (IOException e)
        {
            throw new WatchlistDownloadException(source, "the answer broke off: " + e.Message, e);
        }
    }

    private WatchlistDownloadException TooLarge(Uri source) =>
        new(source, $"larger than the limit of {_limits.MaxBytesPerFile / (1024.0 * 1024):0.#} MiB per file");
}

/// <summary>How large and how slow one downloaded watch-list file may be.</summary>
/// <param name="MaxBytesPerFile">The most bytes one file may have.</param>
/// <param name="TimeoutPerFile">The longest one file may take, from the request to the last byte.</param>
public sealed record WatchlistDownloadLimits(long MaxBytesPerFile, TimeSpan TimeoutPerFile)
{
    /// <summary>256 MiB and 5 minutes a file: the UN XML is a few MiB, OFAC's largest CSV about 2 MiB.</summary>
    public static WatchlistDownloadLimits Default { get; } = new(256L * 1024 * 1024, TimeSpan.FromMinutes(5));
}

/// <summary>What an update stored: each list with its changes, the addresses downloaded, and what the readers skipped.</summary>
/// <param name="Lists">Each list stored, in the order it was read.</param>
/// <param name="Sources">Every address downloaded.</param>
/// <param name="Notes">One line for each file or row the readers skipped, and why.</param>
public sealed record WatchlistUpdateResult(IReadOnlyList<UpdatedWatchlist> Lists, IReadOnlyList<Uri> Sources, IReadOnlyList<string> Notes);

/// <summary>One list stored by an update: its size, what changed against the version before, and the addresses its files came from.</summary>
public sealed record UpdatedWatchlist(string List, int Entries, int Added, int Removed, int Amended, IReadOnlyList<Uri> Sources);
