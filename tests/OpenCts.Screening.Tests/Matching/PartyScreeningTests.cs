using OpenCts.Domain.Consignments;
using OpenCts.Domain.Watchlists;
using OpenCts.Screening.Matching;
using OpenCts.Tests.Shared;

namespace OpenCts.Screening.Tests.Matching;

public sealed class PartyScreeningTests
{
    private static readonly ScreeningIndex Index = ScreeningIndex.Build(
    [
        new WatchlistEntry("ofac-sdn", "15129", SubjectKind.Organisation, "HODA SHIPPING COMPANY LIMITED"),
        new WatchlistEntry("user", "U-1", SubjectKind.Organisation, "ATLAS GENERAL TRADING LLC"),
    ]);

    private static Party Named(string name) => new(PartyRole.Consignee, name);

    [Fact]
    public void A_name_scored_against_one_list_is_scored_afresh_against_another_and_against_all()
    {
        var screening = new PartyScreening(Index, new AllowList([]), weight: 40);
        var hoda = Named("Hoda Shipping Company Limited");

        var onUserList = screening.BestScore(hoda, "user");
        var onSdn = screening.BestScore(hoda, "ofac-sdn");
        var onAll = screening.BestScore(hoda, null);
        var onUserListAgain = screening.BestScore(hoda, "user");

        Assert.Equal(1.0, onSdn, 3);
        Assert.Equal(onSdn, onAll);
        Assert.True(onUserList < 0.8, $"{onUserList}");
        Assert.Equal(onUserList, onUserListAgain);
    }

    [Fact]
    public void Names_asked_again_get_the_index_s_own_scores_also_past_what_the_screening_keeps()
    {
        var screening = new PartyScreening(Index, new AllowList([]), weight: 40);
        var options = new ScreeningOptions(MinScore: ScreeningOptions.DefaultAlertThreshold, AlertThreshold: ScreeningOptions.DefaultAlertThreshold, MaxHits: 3);
        string[] names = ["Atlas General Trading", "Hoda Shiping Co Ltd", "Golden Textiles SRL", .. Enumerable.Range(0, PartyScreening.MemoCapacity + 100).Select(i => $"Trader {i} Ltd")];

        var first = names.Select(n => screening.BestScore(Named(n), null)).ToList();
        var second = names.Select(n => screening.BestScore(Named(n), null)).ToList();

        Assert.Equal(first, second);
        Assert.Equal(names.Take(3).Select(n => Index.BestScore(n, options)), first.Take(3));
        Assert.True(first[0] > 0.9 && first[1] > 0.9 && first[2] < 0.9, string.Join(", ", first.Take(3)));
    }

    [Fact]
    public void A_consignment_whose_consignee_was_screened_before_still_gets_its_watch_list_reason()
    {
        var screening = new PartyScreening(Index, new AllowList([]), weight: 40);
        var consignee = Named("Hoda Shipping Company Limited");
        screening.BestScore(consignee, null);
        var reasons = new List<Domain.Assessments.Reason>();

        screening.Screen(ConsignmentWith(consignee), reasons);

        var reason = Assert.Single(reasons);
        Assert.Equal("ofac-sdn:15129", reason.Code);
    }

    private static Consignment ConsignmentWith(Party party)
    {
        var sample = SampleConsignments.Sample();
        return sample with { Parties = [sample.Parties[0], party] };
    }
}
