using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace OpenCts.Server.Health;

/// <summary>Counters the server keeps, written in the Prometheus text format at <c>/metrics</c>.</summary>
public sealed class ServerMetrics
{
    private readonly ConcurrentDictionary<(string Method, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<string, long> _messages = new(StringComparer.Ordinal);
    private long _assessed;
    private long _alerts;
    private long _assessmentRuns;

    public void Request(string method, int status) => _requests.AddOrUpdate((method, status), 1, (_, n) => n + 1);

    public void Message(string status) => _messages.AddOrUpdate(status, 1, (_, n) => n + 1);

    public void Assessed(int consignments, int alerts)
    {
        Interlocked.Increment(ref _assessmentRuns);
        Interlocked.Add(ref _assessed, consignments);
        Interlocked.Add(ref _alerts, alerts);
    }

    /// <summary>Every counter in the Prometheus text exposition format (version 0.0.4).</summary>
    public string Render(int alertSubscribers)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append("# HELP cts_http_requests_total HTTP requests answered, by method and status.\n# TYPE cts_http_requests_total counter\n");
        foreach (var ((method, status), count) in _requests.OrderBy(r => r.Key.Method, StringComparer.Ordinal).ThenBy(r => r.Key.Status))
        {
            text.Append(invariant, $"cts_http_requests_total{{method=\"{method}\",status=\"{status}\"}} {count}\n");
        }
        text.Append("# HELP cts_messages_received_total Messages received over the API, by status.\n# TYPE cts_messages_received_total counter\n");
        foreach (var (status, count) in _messages.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            text.Append(invariant, $"cts_messages_received_total{{status=\"{status}\"}} {count}\n");
        }
        text.Append(invariant, $"# HELP cts_assessment_runs_total Background assessment runs.\n# TYPE cts_assessment_runs_total counter\ncts_assessment_runs_total {Interlocked.Read(ref _assessmentRuns)}\n");
        text.Append(invariant, $"# HELP cts_consignments_assessed_total Consignments assessed in the background.\n# TYPE cts_consignments_assessed_total counter\ncts_consignments_assessed_total {Interlocked.Read(ref _assessed)}\n");
        text.Append(invariant, $"# HELP cts_alerts_published_total Red-lane alerts published.\n# TYPE cts_alerts_published_total counter\ncts_alerts_published_total {Interlocked.Read(ref _alerts)}\n");
        text.Append(invariant, $"# HELP cts_alert_subscribers Clients watching the alert stream now.\n# TYPE cts_alert_subscribers gauge\ncts_alert_subscribers {alertSubscribers}\n");
        RuntimeMetrics.Append(text);
        return text.ToString();
    }
}
