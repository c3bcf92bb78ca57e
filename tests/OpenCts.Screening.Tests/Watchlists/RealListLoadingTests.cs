using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Watchlists;

namespace OpenCts.Screening.Tests.Watchlists;

public sealed class RealListLoadingTests
{
    private static IReadOnlyList<WatchlistEntry> Entries => RealLists.Load.Entries;

    private static WatchlistEntry Entry(string list, string id) => Assert.Single(Entries, e => e.List == list && e.Id == id);

    [Fact]
    public void TheFolderGivesTheSdnTheConsolidatedAndTheUnLists()
    {
        var counts = Entries.GroupBy(e => e.List).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(7379, counts["ofac-sdn"]);
        Assert.Equal(442, counts["ofac-cons"]);
        Assert.Equal(1003, counts["un-consolidated"]);
        Assert.Equal(3, counts.Count);
        Assert.Equal("add.csv, alt.csv, sdn.csv, sdn_comments.csv", RealLists.Load.Sources["ofac-sdn"]);
        Assert.Equal("cons_add.csv, cons_alt.csv, cons_prim.csv", RealLists.Load.Sources["ofac-cons"]);
    }

    [Fact]
    public void AnSdnEntryCarriesItsAliasesAddressesAndProgramme()
    {
        var bank = Entry("ofac-sdn", "306");

        Assert.Equal("BANCO NACIONAL DE CUBA", bank.Name);
        Assert.Equal(SubjectKind.Organisation, bank.Kind);
        Assert.Contains("NATIONAL BANK OF CUBA", bank.Aliases);
        Assert.Contains("Zweierstrasse 35, Zurich CH-8022, Switzerland", bank.Addresses);
        Assert.Contains("Spain", bank.Countries);
        Assert.Equal("CUBA", bank.Programs);
        Assert.Equal("a.k.a. 'BNC'.", bank.Remarks);
    }

    [Fact]
    public void TheConsolidatedListIsRecognisedByItsContentAndGetsItsOwnAliases()
    {
        var haniya = Entry("ofac-cons", "9639");

        Assert.Equal(SubjectKind.Person, haniya.Kind);
        Assert.Contains("HANIYYA, Ismaeel", haniya.Aliases);
        Assert.DoesNotContain(Entries, e => e.List == "ofac-sdn" && e.Id == "9639");
    }

    [Fact]
    public void VesselsGetTheirImoNumbersFromTheRemarks()
    {
        var vessels = Entries.Where(e => e.Kind == SubjectKind.Vessel).ToList();
        var withImo = vessels.Count(v => v.Identifiers.Any(i => i.Scheme == "IMO"));

        Assert.Equal(323, vessels.Count);
        Assert.True(withImo >= 300, $"{withImo} of {vessels.Count} vessels have an IMO number");
        var vessel = vessels.First(v => v.Remarks?.Contains("IMO 9187629", StringComparison.Ordinal) == true);
        Assert.Contains(vessel.Identifiers, i => i.Scheme == "IMO" && i.Value == "9187629");
        Assert.Contains(vessel, RealLists.Index.ScreenIdentifier("IMO", "IMO 9187629").Select(h => h.Entry));
    }

    [Fact]
    public void UnEntriesAreKeyedByReferenceNumberWithNamesAliasesAndDocuments()
    {
        var badege = Entry("un-consolidated", "CDi.001");
        Assert.Equal("ERIC BADEGE", badege.Name);
        Assert.Equal(SubjectKind.Person, badege.Kind);
        Assert.Contains("Rwanda", badege.Countries);

        var adf = Entry("un-consolidated", "CDe.001");
        Assert.Equal(SubjectKind.Organisation, adf.Kind);
        Assert.Contains("Allied Democratic Forces", adf.Aliases);

        var lakes = Entry("un-consolidated", "CDe.003");
        Assert.Equal("COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)", lakes.Name);
        Assert.Contains("GREAT LAKES BUSINESS COMPANY (GLBC)", lakes.Aliases);

        Assert.Contains(Entries, e => e.List == "un-consolidated" && e.Identifiers.Any(i => i.Scheme == "PASSPORT"));
        Assert.Contains(Entries, e => e.List == "un-consolidated" && e.Identifiers.Any(i => i.Scheme == "IMO"));
    }

    [Fact]
    public void FilesOfOtherFormatsAndRemarksOfUnlistedEntriesAreNoted()
    {
        Assert.True(RealLists.Load.Notes.Any(n => n.StartsWith("csl.csv", StringComparison.Ordinal)), string.Join("; ", RealLists.Load.Notes));
        Assert.True(RealLists.Load.Notes.Any(n => n.StartsWith("dpl.txt", StringComparison.Ordinal)), string.Join("; ", RealLists.Load.Notes));
        Assert.True(RealLists.Load.Notes.Any(n => n.StartsWith("sdn_comments.csv: 10 row(s)", StringComparison.Ordinal)), string.Join("; ", RealLists.Load.Notes));
    }

    [Fact]
    public void ScreeningTheRealListsFindsAListedNameWrittenByATrader()
    {
        var result = RealLists.Index.Screen("Banco Nacional de Cuba S.A.");

        Assert.True(result.Alert);
        Assert.Equal("306", result.Hits[0].EntryId);
    }
}
