using System.ComponentModel;
using OpenCts.Cli.Common;
using OpenCts.Ledger.Notes;
using OpenCts.Ledger.Proofs;
using Spectre.Console.Cli;

namespace OpenCts.Cli.Ledger;

/// <summary>The keys a proof bundle is checked against: the log's verifier keys and a k-of-n witness policy.</summary>
public class ProofKeySettings : StoreSettings
{
    [CommandOption("--vkey <KEY>")]
    [Description("A verifier key of the log that signed the checkpoint (repeatable).")]
    public string[] VerifierKeys { get; init; } = [];

    [CommandOption("--witness-key <KEY>")]
    [Description("A witness cosignature verifier key (repeatable).")]
    public string[] WitnessKeys { get; init; } = [];

    [CommandOption("--quorum <K>")]
    [Description("How many of the witness keys must have cosigned (default: all given).")]
    public int? Quorum { get; init; }

    /// <summary>Reads a bundle and its record and builds the verifier; an error message instead when any of them cannot be read.</summary>
    /// <param name="bundlePath">The proof bundle file.</param>
    /// <param name="recordPath">The record's canonical bytes.</param>
    /// <param name="storeKeysByDefault">Use the keys kept in the store folder when no <c>--vkey</c> is given (checking one's own log).</param>
    internal (ProofBundle Bundle, byte[] Record, ProofBundleVerifier Verifier)? Read(string bundlePath, string recordPath, bool storeKeysByDefault)
    {
        try
        {
            foreach (var path in (string[])[bundlePath, recordPath])
            {
                if (!File.Exists(path))
                {
                    Output.Error($"{path}: no such file");
                    return null;
                }
            }
            ProofBundle bundle;
            try
            {
                bundle = ProofBundle.FromJson(File.ReadAllText(bundlePath));
            }
            catch (FormatException e)
            {
                Output.Error($"{bundlePath}: {e.Message}");
                return null;
            }
            var record = File.ReadAllBytes(recordPath);
            var logKeys = storeKeysByDefault ? LedgerFiles.LogKeys(VerifierKeys, this) : [.. VerifierKeys.Select(NoteVerifier.Parse)];
            if (logKeys.Count == 0)
            {
                Output.Error("no log verifier key: give --vkey");
                return null;
            }
            var witnessKeys = WitnessKeys.Select(NoteVerifier.Parse).ToList();
            return (bundle, record, new ProofBundleVerifier(logKeys, witnessKeys, Quorum ?? witnessKeys.Count));
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException)
        {
            Output.Error(e.Message);
            return null;
        }
    }
}
