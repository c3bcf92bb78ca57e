using System.Globalization;

namespace OpenCts.Pipeline.Streams;

/// <summary>Where a pipeline is, as a host is told with <c>--stream</c>: a NATS server and the name of the pipeline on it.</summary>
/// <remarks>
/// <c>nats://host:4222</c> names the pipeline <c>opencts</c>; <c>nats://host:4222/east</c> names it <c>east</c>, so that
/// several pipelines (or tests) can share one NATS server. Every name below is made from it.
/// </remarks>
/// <param name="Url">The server, without the pipeline's name: <c>nats://host:port</c>, credentials as given.</param>
/// <param name="Name">The pipeline's name: lower-case letters, digits and dashes.</param>
public sealed record PipelineAddress(string Url, string Name)
{
    public const string DefaultName = "opencts";

    /// <summary>The JetStream stream of work items, kept as a work queue.</summary>
    public string Stream => Name.ToUpperInvariant().Replace('-', '_') + "_WORK";

    /// <summary>The subject the intake publishes work items on.</summary>
    public string WorkSubject => Name + ".work.messages";

    /// <summary>The durable consumer the workers share.</summary>
    public string Consumer => Name + "-workers";

    /// <summary>The core NATS subject red-lane alerts are published on, for every server to relay.</summary>
    public string AlertSubject => Name + ".alerts.red";

    /// <summary>Reads a <c>--stream</c> value: <c>nats://host[:port][/name]</c> (or <c>tls://</c>).</summary>
    /// <exception cref="ArgumentException">The value is not such an address.</exception>
    public static PipelineAddress Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{value}' is not a nats://host:port address", nameof(value));
        }
        var name = uri.AbsolutePath.Trim('/');
        if (name.Length == 0)
        {
            name = DefaultName;
        }
        if (name.Length > 64 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"the pipeline name '{name}' in '{value}' is not lower-case letters, digits and dashes", nameof(value));
        }
        var port = uri.IsDefaultPort || uri.Port < 0 ? 4222 : uri.Port;
        var user = uri.UserInfo.Length > 0 ? uri.UserInfo + "@" : "";
        return new PipelineAddress(string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{user}{uri.Host}:{port}"), name);
    }

    /// <summary>The server and the pipeline, for people, without credentials.</summary>
    public override string ToString()
    {
        var uri = new Uri(Url);
        return string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{uri.Host}:{uri.Port}/{Name}");
    }
}
