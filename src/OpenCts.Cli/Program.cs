using OpenCts.Cli;
using OpenCts.Cli.Serve;

// Before anything else: a long-running host may start again at once with the collector settings it needs.
ServerCollector.ApplyTo(args);
return await CtsApp.RunAsync(args);
