using OpenCts.Application.Assessing;
using OpenCts.Domain.Assessments;
using OpenCts.Storage.Messages;

namespace OpenCts.Application.Tests.Intake;

public class DataQualityIntakeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The sample master air waybill with its goods line's HS code replaced by a placeholder and its description left out.</summary>
    private static async Task<byte[]> PoorWaybill()
    {
        var text = (await File.ReadAllTextAsync(TestApplication.Sample("messages", "cargo-xml-xfwb.xml"), Token))
            .Replace("<ram:TypeCode>847130</ram:TypeCode>", "<ram:TypeCode>000000</ram:TypeCode>", StringComparison.Ordinal)
            .Replace("<ram:NatureIdentificationTransportCargo><ram:Identification>TABLET COMPUTERS</ram:Identification></ram:NatureIdentificationTransportCargo>", "", StringComparison.Ordinal);
        Assert.DoesNotContain("847130", text, StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    [Fact]
    public async Task AnAirWaybillWithAPlaceholderHsCodeAndNoDescriptionIsStoredAndAssessedWithItsFindingsInTheStatusAndTheReasons()
    {
        await using var test = new TestApplication();

        var received = Assert.Single(await test.Application.Intake.ReceiveAsync(await PoorWaybill(), "poor.xml", "carrier-lh", Token));
        var run = await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token);

        Assert.Equal((MessageOutcome.Stored, MessageStatus.AcceptedWithFindings), (received.Stored.Outcome, received.Stored.Status));
        var key = Assert.Single(received.Stored.Versions).DocumentKey;
        Assert.Equal(
            [(key, "goods[0].hsCode", "000000", "hs-unknown"), (key, "goods[0].description", (string?)null, "description-missing")],
            received.Stored.Findings.Select(f => (f.DocumentKey, f.Finding.Path, f.Finding.Value, f.Finding.Rule)));
        var assessment = Assert.Single(run.Assessments);
        Assert.Equal(key, assessment.DocumentKey);
        var reason = Assert.Single(assessment.Reasons, r => r.Kind == ReasonKind.DataQuality);
        Assert.Equal(("Data quality: 2 findings", 0.0), (reason.Title, reason.Score));
        Assert.Equal(
            [new Evidence("hs-unknown", "goods[0].hsCode", "000000"), new Evidence("description-missing", "goods[0].description", "(missing)")],
            reason.Evidence);
    }

    [Fact]
    public async Task ADataQualityProfileSendsTheWaybillToTheLaneItAsksFor()
    {
        await using var test = new TestApplication();
        await test.Application.Profiles.ImportAsync(
            [new Domain.Profiles.RiskProfile("DQ-900", "Unknown HS code or no description", ThreatCategory.DataQuality,
                "dataQuality.has(\"goods.hsCode\") and dataQuality.count >= 2", 20, ProfileAction.YellowLane, "risk-unit")],
            "bundle.json", Token);

        await test.Application.Intake.ReceiveAsync(await PoorWaybill(), "poor.xml", "carrier-lh", Token);
        var assessment = Assert.Single((await test.Application.Assessment.AssessPendingAsync(new AssessOptions(), null, Token)).Assessments);

        Assert.Equal(Lane.Yellow, assessment.Lane);
        var hit = Assert.Single(assessment.Reasons, r => r.Kind == ReasonKind.Profile);
        Assert.Equal(("DQ-900", 20.0), (hit.Code, hit.Score));
    }
}
