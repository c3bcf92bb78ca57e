using Microsoft.Extensions.Logging;

namespace OpenCts.Pipeline.Tests.Support;

/// <summary>The pipeline's log lines in the test's output, so that a failure shows what the stream said.</summary>
internal sealed class TestLog : ILogger
{
    public static readonly TestLog Instance = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Console.Error.WriteLine(line);
    }
}
