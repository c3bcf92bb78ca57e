using System.Collections.Frozen;
using OpenCts.Domain.Values;

namespace OpenCts.Ingestion.Iata;

/// <summary>Turns IATA airport codes (<c>AMS</c>) into the UN/LOCODEs the consignment model uses (<c>NLAMS</c>).</summary>
/// <remarks>
/// <see cref="Default"/> is the built-in table of the main cargo airports plus every airport (function 4) of the
/// UN/LOCODE list embedded in OpenCTS, taking the IATA column where it differs from the place code; the built-in
/// entry wins where both name a code. An airport no table knows is left empty with a data-quality finding, never guessed.
/// </remarks>
public sealed class AirportCodes
{
    private static readonly string BuiltIn =
        "AMS NLAMS,RTM NLRTM,EIN NLEIN,MST NLMST,FRA DEFRA,LEJ DELEJ,CGN DECGN,MUC DEMUC,HHN DEHHN,LGG BELGG,BRU BEBRU,LUX LULUX,CDG FRCDG," +
        "LHR GBLHR,EMA GBEMA,STN GBSTN,MAD ESMAD,MXP ITMXP,IST TRIST,DXB AEDXB,DWC AEDWC,AUH AEAUH,DOH QADOH,HKG HKHKG,PVG CNPVG," +
        "PEK CNBJS,CAN CNCAN,SZX CNSZX,CTU CNCTU,ICN KRICN,NRT JPNRT,HND JPHND,KIX JPKIX,TPE TWTPE,SIN SGSIN,BKK THBKK,KUL MYKUL," +
        "SGN VNSGN,HAN VNHAN,DEL INDEL,BOM INBOM,MAA INMAA,BLR INBLR,CMB LKCMB,DAC BDDAC,KHI PKKHI,JFK USJFK,ORD USORD,MIA USMIA," +
        "LAX USLAX,ATL USATL,ANC USANC,MEM USMEM,SDF USSDF,YYZ CAYYZ,GRU BRGRU,BOG COBOG,UIO ECUIO,LIM PELIM,SCL CLSCL,MEX MXMEX," +
        "JNB ZAJNB,NBO KENBO,ADD ETADD,LOS NGLOS,CAI EGCAI,TLV ILTLV,SYD AUSYD,MEL AUMEL,AKL NZAKL,SVO RUMOW,EVN AMEVN,FRU KGFRU,TBS GETBS";

    private readonly FrozenDictionary<string, UnLocode> _codes;

    public AirportCodes(IEnumerable<KeyValuePair<string, UnLocode>> codes) =>
        _codes = codes.GroupBy(c => c.Key, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    private static readonly Lazy<AirportCodes> WithUnLocode = new(() => new(BuiltInPairs().Concat(Reference.UnLocodes.Airports)));

    /// <summary>The built-in table of the main cargo airports.</summary>
    public static AirportCodes BuiltInOnly { get; } = new(BuiltInPairs());

    /// <summary>The built-in table plus every airport of the embedded UN/LOCODE list; built on first use.</summary>
    public static AirportCodes Default => WithUnLocode.Value;

    private static IEnumerable<KeyValuePair<string, UnLocode>> BuiltInPairs() =>
        BuiltIn.Split(',').Select(pair => KeyValuePair.Create(pair[..3], UnLocode.Parse(pair[4..])));

    public int Count => _codes.Count;

    /// <summary>The UN/LOCODE of an IATA airport code, or null when unknown.</summary>
    public UnLocode? Find(string? iata) => iata is { Length: 3 } && _codes.TryGetValue(iata.ToUpperInvariant(), out var code) ? code : null;

    /// <summary>The built-in table plus every airport in a UNECE UN/LOCODE CSV (columns as in <c>un-locode-2014.csv</c>).</summary>
    public static AirportCodes FromUnLocodeCsv(string path)
    {
        var codes = new List<KeyValuePair<string, UnLocode>>(BuiltInOnly._codes);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            // ISO 3166-1, Country Name, Ch, LOCODE, Name, NameWoDiacritics, SubDiv, Function, Status, Date, IATA, ...
            if (f.Length < 11 || f[7].Length < 4 || f[7][3] != '4' || !UnLocode.TryParse(f[3], out var locode, out _))
            {
                continue;
            }
            var iata = f[10].Length == 3 ? f[10] : locode.Value.Value[2..];
            codes.Add(KeyValuePair.Create(iata, locode.Value));
        }
        return new AirportCodes(codes);
    }
}
