namespace OpenCts.Ledger.Audit;

/// <summary>Thrown by a record source that cannot read records of some kind; the audit then reports those records as unchecked.</summary>
public sealed class UnreadableRecordKindException(string recordKind)
    : Exception($"no reader for records of kind \"{recordKind}\"")
{
    /// <summary>The kind that cannot be read.</summary>
    public string RecordKind { get; } = recordKind;
}
