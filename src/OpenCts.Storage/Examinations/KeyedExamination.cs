using OpenCts.Domain.Examinations;

namespace OpenCts.Storage.Examinations;

/// <summary>An examination result with the key its client gave it, so that a retried result is recorded once.</summary>
/// <param name="Result">The result.</param>
/// <param name="Key">What identifies the result: an <c>Idempotency-Key</c>, a client's result id, or a file row's content key.</param>
/// <param name="Fingerprint">What the client sent, reduced to a string (a hash): the same key with another fingerprint is another result, refused.</param>
public sealed record KeyedExamination(ExaminationResult Result, string Key, string Fingerprint);

/// <summary>A keyed result as the store holds it.</summary>
/// <param name="Result">The result stored under the key: the first one sent, read back from the store.</param>
/// <param name="AlreadyRecorded">True when the key was stored before (a retry), false when this call recorded it.</param>
public sealed record RecordedExamination(ExaminationResult Result, bool AlreadyRecorded);
