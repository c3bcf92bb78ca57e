using OpenCts.Cli.Common;
using OpenCts.Ledger.Keys;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Witness;

namespace OpenCts.Cli.Ledger;

/// <summary>Where the ledger keeps its files in a data folder: the shared <c>cts.db</c>, the keys, the witness policy.</summary>
internal static class LedgerFiles
{
    public const string DefaultOrigin = "opencts.local/ledger";

    public static string Database(StoreSettings settings) => Path.Combine(settings.DataDirectory, "cts.db");

    public static string WitnessPolicyPath(StoreSettings settings) => Path.Combine(settings.DataDirectory, "witnesses.txt");

    public static KeyStore Keys(StoreSettings settings) => KeyStore.ForLog(settings.DataDirectory);

    public static WitnessPolicy WitnessPolicy(StoreSettings settings) =>
        File.Exists(WitnessPolicyPath(settings)) ? OpenCts.Ledger.Witness.WitnessPolicy.Load(WitnessPolicyPath(settings)) : OpenCts.Ledger.Witness.WitnessPolicy.None;

    /// <summary>Verifier keys from <c>--vkey</c> options, or else every key the local log ever published.</summary>
    public static IReadOnlyList<NoteVerifier> LogKeys(IReadOnlyList<string> vkeys, StoreSettings settings) =>
        vkeys.Count > 0 ? [.. vkeys.Select(NoteVerifier.Parse)] : Keys(settings).Verifiers();
}
