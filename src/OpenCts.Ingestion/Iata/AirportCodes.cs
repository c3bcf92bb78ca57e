using System.Collections.Frozen;
using OpenCts.Domain.Values;

namespace OpenCts.Ingestion.Iata;

/// <summary>Turns IATA airport codes (<c>AMS</c>) into the UN/LOCODEs the consignment model uses (<c>NLAMS</c>).</summary>
/// <remarks>
/// Built in: the main cargo airports. <see cref="FromUnLocodeCsv"/> adds every airport of the UNECE list (function 4),
/// taking the IATA column where it differs from the place code. An airport no table knows is left empty with a
/// warning, never guessed.
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

    /// <summary>The built-in table of the main cargo airports.</summary>
    public static AirportCodes Default { get; } = new(BuiltIn.Split(',').Select(pair => KeyValuePair.Create(pair[..3], UnLocode.Parse(pair[4..]))));

    public int Count => _codes.Count;

    /// <summary>The UN/LOCODE of an IATA airport code, or null when unknown.</summary>
    public UnLocode? Find(string? iata) => iata is { Length: 3 } && _codes.TryGetValue(iata.ToUpperInvariant(), out var code) ? code : null;

    /// <summary>The built-in table plus every airport in a UNECE UN/LOCODE CSV (columns as in <c>un-locode-2014.csv</c>).</summary>
    public static AirportCodes FromUnLocodeCsv(string path)
    {
        var codes = new List<KeyValuePair<string, UnLocode>>(Default._codes);
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
