using OpenCts.Commerce.Entities;
using static OpenCts.Commerce.Tests.Entities.Parties;

namespace OpenCts.Commerce.Tests.Entities;

public sealed class RollingWindowTests
{
    private static OpenCts.Domain.Commerce.EntityFacts Parcel(EntityIndex index, int n, double day, double value = 10, string name = "Anna Berg") =>
        index.Add(Consignee($"DOC-{n}", name, "Damrak 1", "Amsterdam", "1012LG", email: "anna@example.com", day: day, value: value));

    [Fact]
    public void The_window_holds_the_30_days_that_end_at_the_record_and_drops_the_day_before()
    {
        var index = new EntityIndex();
        Parcel(index, 1, 0, 5);
        Parcel(index, 2, 10, 7);
        var day29 = Parcel(index, 3, 29, 11);
        Assert.Equal((3, 23.0), (day29.Parcels30d, day29.Value30d));
        var day30 = Parcel(index, 4, 30, 13);
        Assert.Equal((3, 31.0), (day30.Parcels30d, day30.Value30d));
        Assert.Equal((4, 30.0), (day30.Consignments, day30.FirstSeenDays));
    }

    [Fact]
    public void Day_boundaries_are_utc_days()
    {
        var index = new EntityIndex();
        var lateEvening = Day0.Date.AddHours(23.9);
        index.Add(Consignee("DOC-1", "Anna Berg", email: "anna@example.com") with { At = new DateTimeOffset(lateEvening, TimeSpan.Zero).AddDays(-30) });
        var facts = index.Add(Consignee("DOC-2", "Anna Berg", email: "anna@example.com") with { At = new DateTimeOffset(Day0.Date.AddHours(0.1), TimeSpan.Zero) });
        // 29 days and 10 minutes apart, but 30 calendar days: outside the window.
        Assert.Equal(1, facts.Parcels30d);
    }

    [Fact]
    public void A_record_a_few_days_late_is_counted_in_the_windows_it_belongs_to()
    {
        var index = new EntityIndex();
        Parcel(index, 1, 20);
        Parcel(index, 2, 25);
        var late = Parcel(index, 3, 18);
        Assert.Equal((3, 1, 0.0), (late.Consignments, late.Parcels30d, late.FirstSeenDays));
        var next = Parcel(index, 4, 26);
        Assert.Equal((4, 4, 8.0), (next.Consignments, next.Parcels30d, next.FirstSeenDays));
    }

    [Fact]
    public void A_record_older_than_the_kept_days_counts_in_the_totals_only()
    {
        var index = new EntityIndex();
        Parcel(index, 1, 0);
        Parcel(index, 2, 40);
        var ancient = Parcel(index, 3, 5);
        Assert.Equal((3, 0), (ancient.Consignments, ancient.Parcels30d));
        Assert.Equal(2, Parcel(index, 4, 41).Parcels30d);
    }

    [Fact]
    public void The_address_window_counts_every_name_at_the_building_over_30_days()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "John Smith", "Damrak 1", "Amsterdam", "1012LG", day: 0));
        index.Add(Consignee("DOC-2", "Maria Garcia", "Damrak 1, flat 2", "Amsterdam", "1012 LG", day: 5));
        index.Add(Consignee("DOC-3", "Li Wei", "Damrak 1", "Amsterdam", "1012LG", day: 20));
        var later = index.Add(Consignee("DOC-4", "Ahmed Khan", "Damrak 1", "Amsterdam", "1012LG", day: 36));
        Assert.Equal((2, 1), (later.AddressParcels30d, later.Parcels30d));
    }

    [Fact]
    public void Merging_entities_merges_their_windows()
    {
        var index = new EntityIndex();
        index.Add(Consignee("DOC-1", "Anna Berg", email: "anna@example.com", day: 1, value: 3));
        index.Add(Consignee("DOC-2", "A B", phone: "0612345678", day: 2, value: 4));
        var both = index.Add(Consignee("DOC-3", "Anna", email: "anna@example.com", phone: "+31612345678", day: 3, value: 5));
        Assert.Equal((3, 12.0, 3), (both.Parcels30d, both.Value30d, both.Consignments));
    }
}
