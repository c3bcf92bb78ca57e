using OpenCts.Domain.Consignments;
using OpenCts.Domain.Serialization;
using OpenCts.Domain.Values;

using OpenCts.Tests.Shared;

namespace OpenCts.Domain.Tests.Values;

public class ConsignmentDiffTests
{
    [Fact]
    public void AnAmendmentListsEachChangedFieldWithItsBeforeAndAfter()
    {
        var before = SampleConsignments.Sample();
        var after = before with
        {
            Conveyance = before.Conveyance! with { VesselName = "POLAR STAR" },
            Goods = [before.Goods[0] with { GrossMassKg = 22000m }],
            Equipment = [],
        };
        var changes = ConsignmentDiff.Between(before, after);
        Assert.Contains(new FieldChange("conveyance.vesselName", "NORDIC AURORA", "POLAR STAR"), changes);
        Assert.Contains(new FieldChange("goods[0].grossMassKg", "21000", "22000"), changes);
        Assert.Contains(new FieldChange("equipment[0].containerNumber", "MSKU9070323", null), changes);
        Assert.DoesNotContain(changes, c => c.Field.StartsWith("parties", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSameConsignmentFromAnotherMessageHasNoChanges()
    {
        var a = SampleConsignments.Sample() with { Provenance = new Provenance("MAEU", "M-1", DateTimeOffset.UnixEpoch) };
        var b = SampleConsignments.Sample() with { Provenance = new Provenance("MAEU", "M-2", DateTimeOffset.UnixEpoch, 2) };
        Assert.Empty(ConsignmentDiff.Between(a, b));
    }
}
