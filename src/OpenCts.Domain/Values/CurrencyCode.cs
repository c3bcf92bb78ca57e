using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using OpenCts.Domain.Common;

namespace OpenCts.Domain.Values;

/// <summary>An ISO 4217 alphabetic currency code in circulation.</summary>
public readonly record struct CurrencyCode
{
    private static readonly FrozenSet<string> Active = (
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF " +
        "CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK " +
        "HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL " +
        "MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON " +
        "RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS " +
        "UAH UGX USD UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XDR XOF XPF YER ZAR ZMW ZWG")
        .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private CurrencyCode(string value) => Value = value;

    /// <summary>The three upper-case letters.</summary>
    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out CurrencyCode? result, out string error)
    {
        result = null;
        var code = (text ?? "").Trim().ToUpperInvariant();
        if (!Active.Contains(code))
        {
            error = $"currency '{text}' is not an ISO 4217 code";
            return false;
        }
        error = "";
        result = new CurrencyCode(code);
        return true;
    }

    /// <summary>True for a code in circulation; false for one read with <see cref="TryParseUnchecked"/> that ISO 4217 does not have.</summary>
    public bool IsActive => Value is not null && Active.Contains(Value);

    /// <summary>Reads any three letters as a currency, so that an amount in a code ISO 4217 does not have is kept with a finding.</summary>
    public static bool TryParseUnchecked(string? text, [NotNullWhen(true)] out CurrencyCode? result)
    {
        result = null;
        var code = (text ?? "").Trim().ToUpperInvariant();
        if (code.Length != 3 || code.AsSpan().ContainsAnyExceptInRange('A', 'Z'))
        {
            return false;
        }
        result = new CurrencyCode(code);
        return true;
    }

    public static CurrencyCode Parse(string text, string field = "currency") =>
        TryParse(text, out var result, out var error) ? result.Value : throw new DomainException(field, error);

    public override string ToString() => Value;
}
