using OpenCts.Screening.Matching;
using OpenCts.Screening.Watchlists;
using OpenCts.Tests.Shared;

namespace OpenCts.Screening.Tests;

/// <summary>The reference watch lists, loaded and indexed once for all tests of the run.</summary>
internal static class RealLists
{
    private static readonly Lazy<WatchlistLoad> LoadOnce = new(() => WatchlistLoader.Load(Folder));
    private static readonly Lazy<ScreeningIndex> IndexOnce = new(() => ScreeningIndex.Build(LoadOnce.Value.Entries));

    public static string Folder => RepositoryData.PathOf("watchlists");

    public static WatchlistLoad Load => LoadOnce.Value;

    public static ScreeningIndex Index => IndexOnce.Value;
}
