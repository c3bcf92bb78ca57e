using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OpenCts.Reliability.Tests.Support;

/// <summary>Posts waybills to whichever server is up, over a few pooled connections; a request the server did not answer with 201 is reported as unanswered, never retried here.</summary>
internal sealed class Submitter : IDisposable
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<string> _keys;
    private TaskCompletionSource<Uri> _up = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Submitter(IReadOnlyList<string> keys, int connections)
    {
        _keys = keys;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, ConnectTimeout = TimeSpan.FromSeconds(5), UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>A server listens at this address from now on.</summary>
    public void Up(Uri address) => _up.TrySetResult(address);

    /// <summary>The server is about to go: requests wait for the next <see cref="Up"/> from now on.</summary>
    public void Down()
    {
        if (_up.Task.IsCompleted)
        {
            _up = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Posts the waybill of a serial with the key its serial picks (so a resend comes from the same sender); null when no 201 came back.</summary>
    public async Task<Receipt?> PostAsync(int serial, CancellationToken cancellationToken)
    {
        var address = await _up.Task.WaitAsync(cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/api/v1/messages")) { Content = new ByteArrayContent(Waybills.Waybill(serial)) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _keys[serial % _keys.Count]);
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return null;
            }
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return new Receipt(body.RootElement.GetProperty("id").GetInt64(), body.RootElement.GetProperty("status").GetString()!);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The server's answer to a message: its stored id and status (<c>accepted</c>, <c>duplicate</c>, ...).</summary>
internal sealed record Receipt(long Id, string Status);
