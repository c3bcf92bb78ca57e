using OpenCts.Commerce.Classification;
using OpenCts.Tests.Shared;

namespace OpenCts.Commerce.Tests.Classification;

/// <summary>The HS 2022 nomenclature of the repository, read once for all tests.</summary>
internal static class Nomenclature
{
    private static readonly Lazy<IReadOnlyList<(string Description, string Hs)>> Lines =
        new(() => HsNomenclature.Read(RepositoryData.PathOf("reference", "harmonized-system.csv")));

    public static IReadOnlyList<(string Description, string Hs)> Training => Lines.Value;
}
