namespace OpenCts.Ledger.Audit;

/// <summary>Gives the audit the current canonical bytes of a logged record; the store implements it.</summary>
public interface IRecordSource
{
    /// <summary>The record's current bytes, or null when the record no longer exists.</summary>
    byte[]? Read(string recordKind, string recordId);
}
