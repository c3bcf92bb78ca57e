using System.Diagnostics;
using OpenCts.Tests.Shared;

namespace OpenCts.Fuzz.Tests;

/// <summary>Every input the fuzzer kept, and every seed made from the samples, runs through its target without an exception and within the time limit.</summary>
/// <remarks>
/// The corpus is <c>Corpus/TARGET/*</c> beside this file: inputs that reached new paths in a fuzzing run (kept by
/// <c>tests/fuzz/fuzz.sh --keep</c>) and the inputs of every crash or hang that was found and fixed, so each fault stays fixed.
/// </remarks>
public sealed class CorpusReplayTests
{
    /// <summary>The fuzzer's limit per input is 2 s on an instrumented build; a plain build gets the same allowance on a loaded machine.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    private static string CorpusRoot => Path.Combine(RepositoryData.RepositoryRoot, "tests", "OpenCts.Fuzz.Tests", "Corpus");

    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Keys];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_kept_input_of_a_target_runs_without_a_crash_or_a_hang(string target)
    {
        var folder = Path.Combine(CorpusRoot, target);
        var inputs = Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray() : [];
        Assert.All(inputs, file => Replay(target, Path.GetFileName(file), File.ReadAllBytes(file)));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_made_from_the_samples_runs_without_a_crash_or_a_hang(string target)
    {
        var seeds = FuzzTargets.All[target].Seeds(Path.Combine(RepositoryData.RepositoryRoot, "samples")).ToList();
        Assert.NotEmpty(seeds);
        Assert.All(seeds, seed => Replay(target, seed.Name, seed.Content));
    }

    [Fact]
    public void Every_corpus_folder_belongs_to_a_target()
    {
        var folders = Directory.Exists(CorpusRoot) ? Directory.GetDirectories(CorpusRoot).Select(Path.GetFileName) : [];
        Assert.All(folders, folder => Assert.Contains(folder!, FuzzTargets.All.Keys));
    }

    [Fact]
    public void A_target_that_throws_is_reported_as_a_crash_naming_the_input()
    {
        var crash = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Replay(new FuzzTarget("throws", _ => throw new InvalidOperationException("boom"), _ => []), "input-7", [1]));
        Assert.Contains("input-7", crash.Message, StringComparison.Ordinal);
        Assert.Contains("boom", crash.Message, StringComparison.Ordinal);
    }

    private static void Replay(string target, string name, byte[] input) => Replay(FuzzTargets.All[target], name, input);

    private static void Replay(FuzzTarget target, string name, byte[] input)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            target.Run(input);
        }
        catch (Exception e)
        {
            Assert.Fail($"{target.Name} crashed on {name}: {e}");
        }
        var first = watch.Elapsed;
        // A slow first run may be paying for JIT and loading the reference data: it gets one more try, timed alone.
        if (first <= Limit)
        {
            return;
        }
        watch.Restart();
        target.Run(input);
        Assert.True(watch.Elapsed <= Limit, $"{target.Name} took {watch.Elapsed.TotalMilliseconds:F0} ms on {name} (first run {first.TotalMilliseconds:F0} ms); the limit is {Limit.TotalMilliseconds:F0} ms");
    }
}
