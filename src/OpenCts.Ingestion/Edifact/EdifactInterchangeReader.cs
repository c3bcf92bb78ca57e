using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Ingestion.Pipeline;

namespace OpenCts.Ingestion.Edifact;

/// <summary>Walks the envelopes of a file (UNB/UNZ interchanges, UNG/UNE groups, UNH/UNT messages) and reads each message on its own.</summary>
/// <remarks>
/// A broken message is rejected and the reader carries on at the next UNH, so one bad message never stops the others.
/// Control counts that do not match are warnings: advance cargo data is never refused over a count.
/// </remarks>
internal sealed class EdifactInterchangeReader(string fileName, ReadOnlyMemory<byte> content, DateTimeOffset receivedAt, CuscarOptions options)
{
    private const string Format = "cuscar";

    private readonly EdifactTokenizer _t = new(content, options.MaxComponentsPerSegment);
    private List<ParsedMessage> _results = [];
    private List<ParsedMessage> _pending = [];
    private EdifactIssues _envelope = null!;
    private Interchange? _interchange;
    private Message? _message;
    private EdifactIssues? _messageIssues;
    private CuscarMessageReader? _messageReader;
    private CuscarConsignments? _builder;
    private Message? _spareMessage;
    private readonly ConsignmentScratch _scratch = new();

    private sealed class Interchange
    {
        public required string Reference;

        /// <summary>The reference as places and message ids show it (<see cref="Shown"/>).</summary>
        public required string ShownReference;
        public required string Sender;
        public required int HeaderStart;
        public required int HeaderEnd;
        public int Segments;
        public int Messages;
        public int Groups;
        public string? GroupReference;
        public int GroupMessages;
        public bool InGroup;
    }

    /// <summary>The message being read; one instance serves every message of a file, one after the other.</summary>
    private sealed class Message
    {
        public string Reference = "";

        /// <summary>The reference as places and message ids show it (<see cref="Shown"/>).</summary>
        public string ShownReference = "";
        public int Start;
        public EdifactIssues Issues = null!;
        public CuscarMessageReader Reader = null!;
        public int Segments;
        public bool Broken;

        public Message Begin(string reference, string shownReference, int start, EdifactIssues issues, CuscarMessageReader reader)
        {
            Reference = reference;
            ShownReference = shownReference;
            Start = start;
            Issues = issues;
            Reader = reader;
            Segments = 1;
            Broken = false;
            return this;
        }
    }

    public IReadOnlyList<ParsedMessage> Read(CancellationToken cancellationToken)
    {
        _envelope = new EdifactIssues(fileName, _t);
        if (_t.ServiceStringAdviceProblem is { } una)
        {
            return [Rejected("unknown", fileName, content, $"{fileName}: line {_t.LineOf(_t.ServiceStringAdviceStart)} (UNA)", una)];
        }
        var count = 0;
        while (_t.MoveNext())
        {
            if ((++count & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (_interchange is not null)
            {
                _interchange.Segments++;
            }
            switch (_t.Tag)
            {
                case "UNB" when _t.Problem is null:
                    BeginInterchange();
                    break;
                case "UNZ" when _t.Problem is null:
                    EndInterchange();
                    break;
                case "UNG" when _t.Problem is null:
                    BeginGroup();
                    break;
                case "UNE" when _t.Problem is null:
                    EndGroup();
                    break;
                case "UNH" when _t.Problem is null:
                    BeginMessage();
                    break;
                case "UNT" when _t.Problem is null && _message is not null:
                    EndMessage();
                    break;
                default:
                    Body();
                    break;
            }
        }
        if (_message is not null)
        {
            _message.Issues.Error(_message.Issues.At(_message.Segments, "UNH", _message.Start), "the message is not closed by UNT before the end of the file");
            Finish(_t.SegmentEnd);
        }
        if (_interchange is not null)
        {
            _envelope.Warning(InterchangeHeader(), "the interchange is not closed by UNZ before the end of the file");
            Flush();
        }
        if (_results.Count == 0)
        {
            var why = _envelope.Items.Count > 0 ? _envelope.Items[0].Message : "the file holds no EDIFACT message (UNH ... UNT)";
            var where = _envelope.Items.Count > 0 ? _envelope.Items[0].Location : fileName;
            return [Rejected(_interchange?.Sender ?? "unknown", fileName, content, where, why)];
        }
        return _results;
    }

    private void BeginInterchange()
    {
        if (_message is not null)
        {
            _message.Issues.Error(_message.Issues.Here(_message.Segments + 1), "a new interchange (UNB) starts before UNT closed this message");
            Finish(_t.SegmentStart);
        }
        if (_interchange is not null)
        {
            _envelope.Warning(_envelope.Envelope(_interchange.Segments), $"a new interchange starts before UNZ closed interchange {_interchange.ShownReference}");
            Flush();
        }
        var reference = _t.Text(5, 1)?.Trim() is { Length: > 0 } r ? r : "?";
        var shown = Shown(reference);
        _envelope = new EdifactIssues(fileName, _t) { Interchange = shown };
        _interchange = new Interchange
        {
            Reference = reference,
            ShownReference = shown,
            Sender = Safe(_t.Text(2, 1)?.Trim() ?? ""),
            HeaderStart = _t.SegmentStart,
            HeaderEnd = _t.SegmentEnd,
            Segments = 1,
        };
        if (_t.Text(2, 1) is null)
        {
            _envelope.Warning(_envelope.Envelope(1) + ", element 2, component 1", "UNB names no sender (0004)");
        }
        if (_t.Text(5, 1) is null)
        {
            _envelope.Warning(_envelope.Envelope(1) + ", element 5, component 1", "UNB has no interchange control reference (0020)");
        }
    }

    private void EndInterchange()
    {
        if (_message is not null)
        {
            _message.Issues.Error(_message.Issues.Here(_message.Segments + 1), "the interchange ends (UNZ) before UNT closed this message");
            Finish(_t.SegmentStart);
        }
        if (_interchange is null)
        {
            _envelope.Warning(_envelope.Envelope(1), "UNZ without a UNB before it");
            return;
        }
        var counted = _interchange.Groups > 0 ? _interchange.Groups : _interchange.Messages;
        var what = _interchange.Groups > 0 ? "functional groups" : "messages";
        var stated = _t.Text(1);
        if (!EdifactValues.TryParseInt(stated, out var n) || n != counted)
        {
            _envelope.Warning(_envelope.Envelope(_interchange.Segments) + ", element 1", $"interchange control count (0036) is '{stated}'; the interchange holds {counted} {what}");
        }
        var reference = _t.Text(2);
        if (!string.Equals(reference, _interchange.Reference, StringComparison.Ordinal))
        {
            _envelope.Warning(_envelope.Envelope(_interchange.Segments) + ", element 2", $"interchange control reference (0020) is '{Shown(reference)}'; UNB gave '{_interchange.ShownReference}'");
        }
        Flush();
    }

    private void BeginGroup()
    {
        if (_interchange is null)
        {
            return;
        }
        _interchange.InGroup = true;
        _interchange.Groups++;
        _interchange.GroupMessages = 0;
        _interchange.GroupReference = _t.Text(5, 1);
    }

    private void EndGroup()
    {
        if (_interchange is null)
        {
            return;
        }
        var stated = _t.Text(1);
        if (!EdifactValues.TryParseInt(stated, out var n) || n != _interchange.GroupMessages)
        {
            _envelope.Warning(_envelope.Envelope(_interchange.Segments) + ", element 1", $"group control count (0060) is '{stated}'; the group holds {_interchange.GroupMessages} messages");
        }
        if (!string.Equals(_t.Text(2), _interchange.GroupReference, StringComparison.Ordinal))
        {
            _envelope.Warning(_envelope.Envelope(_interchange.Segments) + ", element 2", $"group reference (0048) is '{Shown(_t.Text(2))}'; UNG gave '{Shown(_interchange.GroupReference)}'");
        }
        _interchange.InGroup = false;
    }

    private void BeginMessage()
    {
        if (_message is not null)
        {
            _message.Issues.Error(_message.Issues.Here(_message.Segments + 1), "a new message (UNH) starts before UNT closed this one");
            Finish(_t.SegmentStart);
        }
        var referenceText = _t.Text(1);
        var reference = referenceText ?? "?";
        // One message is read at a time, and its issues and drafts are copied out when it is built: the next reuses them.
        var issues = _messageIssues ??= new EdifactIssues(fileName, _t);
        var shown = Shown(reference);
        issues.Reset(_interchange?.ShownReference ?? "?", shown);
        var reader = _messageReader ??= new CuscarMessageReader(_t, issues);
        reader.Reset();
        _message = (_spareMessage ??= new Message()).Begin(reference, shown, _t.SegmentStart, issues, reader);
        if (_interchange is not null)
        {
            _interchange.Messages++;
            _interchange.GroupMessages += _interchange.InGroup ? 1 : 0;
        }
        else
        {
            issues.Warning(issues.Here(1), "the message is not inside an interchange (UNB ... UNZ); its sender is unknown");
        }
        if (referenceText is null)
        {
            issues.Error(issues.Here(1, 1, 1), "UNH has no message reference number (0062)");
        }
        var type = _t.Shared(2, 1);
        if (type != "CUSCAR")
        {
            issues.Error(issues.Here(1, 2, 1), $"message type '{type}' is not read here; expected CUSCAR");
            _message.Broken = true;
            return;
        }
        var version = _t.Code(2, 2);
        var release = _t.Code(2, 3);
        if (version != "D" || !InDirectoryRange(release))
        {
            issues.Warning(issues.Here(1, 2, 3), $"directory {version}.{release} is outside D.95B to D.11A; the message is read as CUSCAR of those directories");
        }
    }

    private void Body()
    {
        if (_message is null)
        {
            var where = _interchange is null ? $"{fileName}: line {_t.LineOf(_t.SegmentStart)}, segment ({_t.Tag})" : _envelope.Envelope(_interchange.Segments);
            // Outside a message nothing is taken or refused; the sender still learns of it with each message's status.
            _envelope.Warning(where, (_t.Problem is null ? "" : _t.Problem + "; ") + "the segment is outside any message (UNH ... UNT) and is not read");
            return;
        }
        var m = _message;
        m.Segments++;
        if (m.Broken)
        {
            return;
        }
        if (_t.Problem is not null)
        {
            m.Issues.Error(m.Issues.Here(m.Segments), _t.Problem);
            m.Broken = _t.Tag.Length != 3;
            return;
        }
        if (m.Segments > options.MaxSegmentsPerMessage)
        {
            m.Issues.Error(m.Issues.Here(m.Segments), $"the message has more than {options.MaxSegmentsPerMessage:N0} segments, the limit; it is not read");
            m.Broken = true;
            return;
        }
        if (_t.SegmentEnd - m.Start > options.MaxMessageBytes)
        {
            m.Issues.Error(m.Issues.Here(m.Segments), $"the message is longer than {options.MaxMessageBytes:N0} bytes, the limit; it is not read");
            m.Broken = true;
            return;
        }
        m.Reader.Read(m.Segments);
    }

    private void EndMessage()
    {
        var m = _message!;
        m.Segments++;
        // The usual case, a plain count and reference that match, is checked on the bytes.
        if (!EdifactValues.TryParsePlainInt(_t.Plain(1), out var n) || n != m.Segments)
        {
            var stated = _t.Text(1);
            if (!EdifactValues.TryParseInt(stated, out n) || n != m.Segments)
            {
                m.Issues.Warning(m.Issues.Here(m.Segments, 1, 0), $"number of segments (0074) is '{stated}'; the message has {m.Segments} from UNH to UNT");
            }
        }
        if (!System.Text.Ascii.Equals(_t.Plain(2), m.Reference) && !string.Equals(_t.Text(2), m.Reference, StringComparison.Ordinal))
        {
            m.Issues.Warning(m.Issues.Here(m.Segments, 2, 0), $"message reference (0062) is '{Shown(_t.Text(2))}'; UNH gave '{m.ShownReference}'");
        }
        Finish(_t.SegmentEnd);
    }

    private void Finish(int end)
    {
        var m = _message!;
        _message = null;
        var sender = _interchange?.Sender ?? "unknown";
        var messageId = $"{_interchange?.ShownReference ?? "?"}/{m.ShownReference}";
        var raw = Raw(m.Start, end);
        var reader = m.Reader;
        var issues = m.Issues;
        var function = MessageFunction.Original;
        List<Consignment>? consignments = null;
        List<string>? cancelled = null;
        if (!m.Broken)
        {
            // Places are worked out only for issues: finding a line counts the line breaks before it.
            string Unh() => issues.At(1, "UNH", m.Start);
            if (!reader.HasBeginning)
            {
                issues.Error(Unh(), "the message has no BGM; expected it right after UNH");
            }
            var builder = _builder ??= new CuscarConsignments(reader, issues, options.DefaultDirection, _scratch);
            builder.Provenance = new Provenance(Safe(sender), Safe(messageId), receivedAt);
            if (reader.FunctionCode == CuscarCodes.FunctionCancellation)
            {
                function = MessageFunction.Cancellation;
                cancelled = builder.DocumentKeys();
                if (cancelled.Count == 0)
                {
                    issues.Error(Unh(), "a cancellation (BGM message function 1) names the documents it cancels in CNI segments; there is none");
                }
            }
            else if (reader.Consignments.Count == 0)
            {
                issues.Error(Unh(), "the message reports no consignment; expected a CNI group for each bill of lading");
            }
            else
            {
                consignments = builder.Build();
                builder.CheckMessageTotals(consignments);
            }
        }
        var rejected = issues.HasErrors;
        _pending.Add(new ParsedMessage(
            Format,
            sender,
            messageId,
            raw,
            rejected || consignments is null ? ValueList<Consignment>.Empty : consignments,
            issues.Items.Count == 0 ? ValueList<IngestionIssue>.Empty : issues.Items,
            function,
            rejected || cancelled is null ? ValueList<string>.Empty : cancelled,
            _scratch.UnmappedOf(reader.Unmapped)));
        if (_interchange is null)
        {
            Flush();
        }
    }

    /// <summary>The message's bytes, preceded by the UNA and UNB lines of its interchange so that it can be read again on its own.</summary>
    private ReadOnlyMemory<byte> Raw(int start, int end)
    {
        var una = _t.ServiceStringAdviceStart >= 0 ? _t.ServiceStringAdviceStart.._t.ServiceStringAdviceEnd : default;
        var unb = _interchange is null ? default : _interchange.HeaderStart.._interchange.HeaderEnd;
        var raw = new RawMessage(content, una, unb, start..Math.Max(start, end));
        return raw.Memory;
    }

    private void Flush()
    {
        var envelopeIssues = _envelope.Items;
        var held = _pending.Count;
        if (_results.Count == 0 && envelopeIssues.Count == 0)
        {
            // The usual file, one interchange without envelope issues: its messages are the results as they are.
            (_results, _pending) = (_pending, _results);
        }
        else
        {
            foreach (var message in _pending)
            {
                _results.Add(envelopeIssues.Count == 0 ? message : message with { Issues = new ValueList<IngestionIssue>(message.Issues.Concat(envelopeIssues)) });
            }
        }
        if (held == 0 && _interchange is not null)
        {
            // An interchange that held no message still reaches the sender's status.
            var interchangeBytes = content.Span[_interchange.HeaderStart.._t.SegmentEnd].ToArray();
            _results.Add(new ParsedMessage(Format, _interchange.Sender, $"{_interchange.ShownReference}/-", interchangeBytes, [], [.. envelopeIssues, new IngestionIssue(IssueSeverity.Error, InterchangeHeader(), "the interchange holds no message")]));
        }
        _pending.Clear();
        _interchange = null;
        _envelope = new EdifactIssues(fileName, _t);
    }

    private string InterchangeHeader() =>
        $"{fileName}: interchange {_interchange!.ShownReference}, segment 1 (UNB), line {_t.LineOf(_interchange.HeaderStart)}";

    private static bool InDirectoryRange(string? release)
    {
        if (release is not { Length: 3 } || !char.IsAsciiDigit(release[0]) || !char.IsAsciiDigit(release[1]) || release[2] is not ('A' or 'B'))
        {
            return false;
        }
        var year = (release[0] - '0') * 10 + (release[1] - '0');
        var full = (year >= 90 ? 1900 : 2000) + year;
        var key = full * 2 + (release[2] == 'B' ? 1 : 0);
        return key >= 1995 * 2 + 1 && key <= 2011 * 2;
    }

    private static string Safe(string value) => string.IsNullOrWhiteSpace(value) ? "unknown" : value.Length > 128 ? value[..128] : value;

    /// <summary>A reference as a place, a message id or an issue's message shows it: cut to 128 characters, as the sender is, and with control characters escaped.</summary>
    /// <remarks>Line breaks never reach a value (the tokenizer drops them), but a tab or another control character can, and would break a place.</remarks>
    private static string Shown(string? reference) =>
        reference is null ? "" : Printable.Of(reference.Length > 128 ? string.Concat(reference.AsSpan(0, 128), "…") : reference);

    private static ParsedMessage Rejected(string sender, string messageId, ReadOnlyMemory<byte> raw, string where, string why) =>
        new(Format, sender, messageId, raw, [], [new IngestionIssue(IssueSeverity.Error, where, why)]);
}
