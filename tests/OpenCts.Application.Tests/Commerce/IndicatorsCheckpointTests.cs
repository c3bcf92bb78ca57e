using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OpenCts.Application.Assessing;
using OpenCts.Application.Commerce;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Examinations;
using OpenCts.Ingestion.Samples.Ecommerce;

namespace OpenCts.Application.Tests.Commerce;

/// <summary>
/// A run checkpoints the e-commerce indicators; the next process loads the checkpoint and learns only what was assessed
/// since, and must know every consignment as the process that wrote it did.
/// </summary>
public sealed class IndicatorsCheckpointTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static AssessOptions Checkpointing => new(Checkpoint: true);

    [Fact]
    public async Task A_process_started_from_a_checkpoint_gives_every_consignment_the_facts_the_process_that_wrote_it_gives()
    {
        await using var parcels = new Parcels(1_500, 31);
        await using var app = new TestApplication(Clock());
        await app.Application.Bundles.LoadAsync([TestApplication.Sample("ecommerce"), parcels.Folder], null, Token);
        await app.Application.Assessment.AssessPendingAsync(Checkpointing, null, Token);
        // Examined after the checkpoint was written: a process that loads it counts them from the store.
        var examined = (await app.Store.Messages.CurrentAsync(Token)).Take(40).Select(c => c.DocumentKey).ToList();
        foreach (var (key, i) in examined.Select((k, i) => (k, i)))
        {
            await app.Application.ExaminationResults.RecordAsync(key, i % 3 == 0 ? ExaminationFindings.Seizure : ExaminationFindings.NoFind, null, null, null, null, Token);
        }
        var live = await FactsAsync(app, goods: true);

        await app.ReopenAsync();
        var loaded = await FactsAsync(app, goods: true);

        Assert.True(File.Exists(CommerceHost.CheckpointPath(app.Directory)));
        Assert.Equal(new IndicatorsBuild(true, app.Application.Commerce.LastBuild!.Reason, 0), app.Application.Commerce.LastBuild);
        Assert.True(live.Count > 1_000, $"only {live.Count} consignments");
        Assert.Contains(live, f => f.Contains("\"Examined\":1", StringComparison.Ordinal));
        Assert.Contains(live, f => System.Text.RegularExpressions.Regex.IsMatch(f, "\"Consignments\":([2-9]|[1-9][0-9])"));
        Assert.Equal(live, loaded);
    }

    [Fact]
    public async Task What_was_assessed_after_the_checkpoint_is_learned_when_it_is_loaded_as_a_replay_of_the_whole_history_learns_it()
    {
        // Each batch fewer than a page, the second later than the first: the live runs, the catch-up and a replay of the
        // whole history all learn the parcels in the same order.
        await using var first = new Parcels(900, 41);
        await using var second = new Parcels(600, 43, days: 60);
        await using var app = new TestApplication(Clock());
        await app.Application.Bundles.LoadAsync([TestApplication.Sample("ecommerce"), first.Folder], null, Token);
        await app.Application.Assessment.AssessPendingAsync(Checkpointing, null, Token);
        var path = CommerceHost.CheckpointPath(app.Directory);
        var written = File.GetLastWriteTimeUtc(path);
        await app.Application.Bundles.LoadAsync([second.Folder], null, Token);
        var run = await app.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        var live = await FactsAsync(app, goods: false);
        var untouched = File.GetLastWriteTimeUtc(path) == written;

        await app.ReopenAsync();
        var loaded = await FactsAsync(app, goods: false);
        var loadedWithGoods = await FactsAsync(app, goods: true);
        var build = app.Application.Commerce.LastBuild!;
        File.Delete(path);
        await app.ReopenAsync();
        var replayed = await FactsAsync(app, goods: true);

        Assert.True(build.FromCheckpoint, build.Reason);
        Assert.True(untouched, "a run without a checkpoint rewrote it");
        Assert.Equal(run.Count, build.Learned);
        Assert.True(run.Count > 500, $"only {run.Count} assessed after the checkpoint");
        Assert.Equal(live, loaded);
        // The classifier read the second batch's declarations too, as a replay's does.
        Assert.Equal(replayed, loadedWithGoods);
    }

    [Fact]
    public async Task A_checkpoint_of_another_store_is_set_aside_and_the_history_replayed()
    {
        await using var parcels = new Parcels(300, 53);
        await using var other = new TestApplication(Clock());
        await other.Application.Bundles.LoadAsync([TestApplication.Sample("ecommerce"), parcels.Folder], null, Token);
        await other.Application.Assessment.AssessPendingAsync(Checkpointing, null, Token);
        await using var app = new TestApplication(Clock());
        await app.Application.Bundles.LoadAsync([TestApplication.Sample("consignments")], null, Token);
        await app.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        var live = await FactsAsync(app, goods: true);
        Directory.CreateDirectory(Path.GetDirectoryName(CommerceHost.CheckpointPath(app.Directory))!);
        File.Copy(CommerceHost.CheckpointPath(other.Directory), CommerceHost.CheckpointPath(app.Directory));

        await app.ReopenAsync();
        var rebuilt = await FactsAsync(app, goods: true);

        var build = app.Application.Commerce.LastBuild!;
        Assert.False(build.FromCheckpoint);
        Assert.Contains("not the one learned", build.Reason, StringComparison.Ordinal);
        Assert.Equal(live, rebuilt);
    }

    [Fact]
    public async Task A_checkpoint_learned_under_other_exchange_rates_is_set_aside()
    {
        await using var parcels = new Parcels(300, 57);
        await using var app = new TestApplication(Clock());
        await app.Application.Bundles.LoadAsync([TestApplication.Sample("ecommerce"), parcels.Folder], null, Token);
        await app.Application.Assessment.AssessPendingAsync(Checkpointing, null, Token);
        var rates = CommerceConfiguration.Builtin(CommerceConfiguration.RatesFile);
        Assert.Contains("USD,1.08,", rates, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(app.Directory, "commerce", CommerceConfiguration.RatesFile), rates.Replace("USD,1.08,", "USD,1.10,", StringComparison.Ordinal));

        await app.ReopenAsync();
        await app.Application.Commerce.CurrentAsync(Token);

        var build = app.Application.Commerce.LastBuild!;
        Assert.False(build.FromCheckpoint);
        Assert.Contains("other commerce settings or exchange rates", build.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_checkpoint_is_set_aside_with_its_path_and_the_history_replayed()
    {
        await using var parcels = new Parcels(800, 59);
        await using var app = new TestApplication(Clock());
        await app.Application.Bundles.LoadAsync([TestApplication.Sample("ecommerce"), parcels.Folder], null, Token);
        await app.Application.Assessment.AssessPendingAsync(Checkpointing, null, Token);
        var live = await FactsAsync(app, goods: true);
        var path = CommerceHost.CheckpointPath(app.Directory);
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length * 2 / 3);
        }

        await app.ReopenAsync();
        var rebuilt = await FactsAsync(app, goods: true);

        var build = app.Application.Commerce.LastBuild!;
        Assert.False(build.FromCheckpoint);
        Assert.StartsWith(path, build.Reason, StringComparison.Ordinal);
        Assert.True(build.Learned > 700, $"replayed {build.Learned}");
        Assert.Equal(live, rebuilt);
    }

    [Fact]
    public async Task A_process_that_took_an_analysts_merge_writes_no_checkpoint_and_the_next_one_holds_the_merge_once()
    {
        // Each batch after the one before: the replay learns them in the order the live index did, so that the entity
        // ids the analyst's decision names are the same in both.
        await using var first = new Parcels(600, 61);
        await using var second = new Parcels(300, 67, days: 60);
        await using var third = new Parcels(100, 71, days: 120);
        await using var app = new TestApplication(Clock());
        await app.Application.Bundles.LoadAsync([TestApplication.Sample("ecommerce"), first.Folder], null, Token);
        await app.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);
        var consignors = await ConsignorEntitiesAsync(app);
        var (keep, merge) = (consignors[0].Entity, consignors.First(c => c.Entity != consignors[0].Entity).Entity);
        await app.Application.Entities.MergeAsync(keep, merge, "the same seller behind two shops", "analyst.eva", Token);
        await app.Application.Bundles.LoadAsync([second.Folder], null, Token);
        await app.Application.Assessment.AssessPendingAsync(Checkpointing, null, Token);
        var path = CommerceHost.CheckpointPath(app.Directory);
        var liveWrote = File.Exists(path);

        await app.ReopenAsync();
        await app.Application.Assessment.AssessPendingAsync(Checkpointing, null, Token);
        var replayWrote = File.Exists(path);
        await app.Application.Bundles.LoadAsync([third.Folder], null, Token);
        await app.Application.Assessment.AssessPendingAsync(Checkpointing, null, Token);
        var replayed = await ConsignorEntitiesAsync(app);
        await app.ReopenAsync();
        var loaded = await ConsignorEntitiesAsync(app);

        Assert.False(liveWrote);
        Assert.False(replayWrote);
        Assert.True(app.Application.Commerce.LastBuild!.FromCheckpoint, app.Application.Commerce.LastBuild.Reason);
        var merged = replayed.Where(c => c.Key == consignors[0].Key || c.Key == consignors.First(o => o.Entity == merge).Key).Select(c => c.Entity).Distinct().ToList();
        Assert.Single(merged);
        Assert.Equal(replayed, loaded);
    }

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));

    private static async Task<List<(string Key, string Entity)>> ConsignorEntitiesAsync(TestApplication app)
    {
        var result = new List<(string Key, string Entity)>();
        foreach (var current in (await app.Store.Messages.CurrentAsync(Token)).OrderBy(c => c.DocumentKey, StringComparer.Ordinal))
        {
            var links = await app.Application.Entities.LinksOfAsync(current.DocumentKey, Token);
            if (links.FirstOrDefault(l => l.Role == PartyRole.Consignor) is { } link)
            {
                result.Add((current.DocumentKey, link.EntityId));
            }
        }
        return result;
    }

    // Some facts are not numbers (no reference value yet), which JSON writes only as named values.
    private static readonly JsonSerializerOptions Named = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Every current consignment's entity facts, and with <paramref name="goods"/> its lines' facts, as the indicators give them now.</summary>
    private static async Task<List<string>> FactsAsync(TestApplication app, bool goods)
    {
        var current = await app.Store.Messages.CurrentAsync(Token);
        var peeked = await app.Application.Commerce.PeekAsync(current, Token);
        return [.. peeked.Select((c, i) => $"{current[i].DocumentKey} " + JsonSerializer.Serialize(goods ? new { c.Commerce, Goods = c.Goods.Select(g => g.Commerce) } : (object)new { c.Commerce }, Named))];
    }

    /// <summary>Generated e-commerce parcels written to a folder of their own, removed afterwards.</summary>
    private sealed class Parcels : IAsyncDisposable
    {
        public Parcels(int count, int seed, int days = 0)
        {
            Folder = Directory.CreateTempSubdirectory("cts-checkpoint-").FullName;
            EcommerceSampleWriter.Write(Folder, new EcommerceGenerator(seed, new EcommerceOptions(Start.AddDays(days))).Generate(count), seed);
        }

        public string Folder { get; }

        public ValueTask DisposeAsync()
        {
            Directory.Delete(Folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
