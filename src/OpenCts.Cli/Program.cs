using OpenCts.Cli;

return await CtsApp.Build().RunAsync(args);
