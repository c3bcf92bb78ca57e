using OpenCts.Bench.Cli;

return await BenchApp.RunAsync(args);
