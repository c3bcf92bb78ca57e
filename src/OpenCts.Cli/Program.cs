using OpenCts.Cli;

return await CtsApp.RunAsync(args);
