using System.Threading.Channels;

namespace OpenCts.Server.Alerts;

/// <summary>Wakes the background assessment as soon as a message is stored; signals while it runs collapse into one more run.</summary>
public sealed class IntakeSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Raise() => _channel.Writer.TryWrite(true);

    internal ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAsync(cancellationToken);
}
