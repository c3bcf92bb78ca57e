namespace OpenCts.Ledger.Witness;

/// <summary>The HTTP answer of a witness to add-checkpoint: status code, body and content type, as tlog-witness defines them.</summary>
public sealed record WitnessResponse(int StatusCode, string Body, string ContentType = "text/plain; charset=utf-8")
{
    /// <summary>The content type of a 409 answer carrying the witness's latest size.</summary>
    public const string SizeContentType = "text/x.tlog.size";
}
