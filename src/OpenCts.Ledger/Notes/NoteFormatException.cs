namespace OpenCts.Ledger.Notes;

/// <summary>Thrown for a malformed note, key or checkpoint; the message names what is wrong and where.</summary>
public sealed class NoteFormatException(string message) : FormatException(message);
