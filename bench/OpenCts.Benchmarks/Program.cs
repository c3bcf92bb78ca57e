using BenchmarkDotNet.Running;

namespace OpenCts.Benchmarks;

/// <summary>Runs the BenchmarkDotNet micro-benchmarks: <c>dotnet run -c Release --project bench/OpenCts.Benchmarks -- --filter *</c>.</summary>
public static class BenchmarkRunner
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkRunner).Assembly).Run(args);
}
