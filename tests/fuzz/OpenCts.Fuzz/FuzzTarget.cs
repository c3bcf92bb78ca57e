namespace OpenCts.Fuzz;

/// <summary>One thing the fuzzer feeds bytes to: a message parser or the profile language.</summary>
/// <remarks>
/// <see cref="Run"/> returns normally for every input, good or bad, because bad input has a documented result
/// (a rejected message with its issues, a list of profile errors). Any exception that escapes it is a crash, and an
/// input that runs longer than the fuzzer's time limit is a hang.
/// </remarks>
/// <param name="Name">The target's name on the command line and its corpus folder's name.</param>
/// <param name="Run">Feeds one input to the component under test.</param>
/// <param name="Seeds">The seed inputs, made from the repository's <c>samples/</c> folder given as the argument.</param>
public sealed record FuzzTarget(string Name, Action<byte[]> Run, Func<string, IEnumerable<(string Name, byte[] Content)>> Seeds);
