using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OpenCts.RiskModel.Declarations;

namespace OpenCts.RiskModel.Training;

/// <summary>The SHA-256 of training rows in a canonical text form, so a model names exactly what it learned from.</summary>
/// <remarks>Hashing rows rather than files gives the same hash whether the rows came from a CSV file or the store.</remarks>
public static class TrainingDataHash
{
    public static string Of(IReadOnlyList<ExaminedDeclaration> rows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            var d = row.Declaration;
            line.Clear();
            line.AppendJoin('\u001f',
                d.Id, d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Office, d.ProcessType, d.ImportType, d.ImportUse,
                d.PaymentType, d.TransportMode, d.Declarant, d.Importer, d.Seller, d.Courier, d.Hs6, d.Departure, d.Origin,
                d.TaxRate.ToString("R", CultureInfo.InvariantCulture), d.TaxType, d.OriginIndicator,
                d.NetMassKg.ToString("R", CultureInfo.InvariantCulture), d.ItemPrice.ToString("R", CultureInfo.InvariantCulture),
                row.Fraud ? "1" : "0", row.CriticalFraud ? "1" : "0");
            line.Append('\n');
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
