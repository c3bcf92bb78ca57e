using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace OpenCts.Server.Tests;

/// <summary>Reads <c>/api/v1/alerts</c> as a client does, keeping each event's raw text and its parsed data.</summary>
internal sealed class AlertStream : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<(string Raw, JsonElement Data)> _events = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly Task _reading;

    private AlertStream(HttpClient client, HttpResponseMessage response)
    {
        _client = client;
        _response = response;
        _reading = Task.Run(ReadAsync);
    }

    public HttpResponseMessage Response => _response;

    public static async Task<AlertStream> OpenAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync("/api/v1/alerts", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return new AlertStream(client, response);
    }

    /// <summary>The next alert whose document is <paramref name="document"/>, skipping others.</summary>
    public async Task<(string Raw, JsonElement Data)> NextForAsync(string document, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = await _events.Reader.ReadAsync(limit.Token);
            if (next.Data.GetProperty("document").GetString() == document)
            {
                return next;
            }
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            using var stream = await _response.Content.ReadAsStreamAsync(_stop.Token);
            var buffer = new byte[8192];
            var text = new StringBuilder();
            int read;
            while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
                int end;
                while ((end = text.ToString().IndexOf("\n\n", StringComparison.Ordinal)) >= 0)
                {
                    var raw = text.ToString(0, end + 2);
                    text.Remove(0, end + 2);
                    if (raw.StartsWith(':'))
                    {
                        continue;
                    }
                    var dataLine = raw.Split('\n').First(l => l.StartsWith("data: ", StringComparison.Ordinal));
                    using var json = JsonDocument.Parse(dataLine["data: ".Length..]);
                    await _events.Writer.WriteAsync((raw, json.RootElement.Clone()));
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException)
        {
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _stop.Dispose();
        _client.Dispose();
    }
}
