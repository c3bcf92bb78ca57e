namespace OpenCts.Domain.Traders;

/// <summary>A list of authorised economic operators or other known-compliant traders.</summary>
/// <param name="Scheme">The identifier's registry: <c>EORI</c>, <c>TIN</c>, <c>AEO</c>.</param>
/// <param name="Identifier">The trader's identifier in that registry.</param>
/// <param name="Name">The trader's name.</param>
/// <param name="Programme">The programme, such as <c>AEO-F</c> (full) or <c>AEO-S</c> (security).</param>
/// <param name="ValidFrom">Start of the authorisation.</param>
/// <param name="ValidTo">End of the authorisation, if any.</param>
public sealed record TrustedTrader(string Scheme, string Identifier, string Name, string Programme, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo)
{
    public bool IsValidAt(DateTimeOffset instant) => (ValidFrom is null || ValidFrom <= instant) && (ValidTo is null || instant < ValidTo);
}
