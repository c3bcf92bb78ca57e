using Microsoft.Extensions.Time.Testing;
using OpenCts.Application.Privacy;
using OpenCts.Application.Users;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Common;
using OpenCts.Domain.Consignments;
using OpenCts.Domain.Values;

namespace OpenCts.Application.Tests.Privacy;

/// <summary>Names, phones, e-mails and streets are masked for roles without the need, and an unmasking lasts fifteen minutes for one user and one consignment.</summary>
public class MaskingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void A_masked_party_keeps_initials_lengths_country_and_the_mail_domain_only()
    {
        var party = new Party(PartyRole.Consignee, "MARIA VAN DIJK", new Address("KEIZERSGRACHT 12", "AMSTERDAM", "1015", CountryCode.Parse("NL")), phone: "+31 20 555 0100", email: "maria@vandijk.example");

        var masked = PersonalDataMask.Party(party);

        Assert.Equal("M•••• V•• D•••", masked.Name);
        Assert.Equal("••• •• ••• ••••", masked.Phone);
        Assert.Equal("•••@vandijk.example", masked.Email);
        Assert.Equal("K•••••••••••• 1•", masked.Address!.Street);
        Assert.Equal("AMSTERDAM", masked.Address.City);
        Assert.Equal("NL", masked.Country!.Value.Value);
    }

    [Fact]
    public void A_reason_quoting_a_party_name_is_masked_but_one_quoting_the_vessel_is_not()
    {
        var assessment = new Assessment("k", 1, 50, Lane.Red,
        [
            new Reason(ReasonKind.Watchlist, "ofac:1", "consignee matches 'MARIA VAN DIJK'", 40, "MARIA VAN DIJK ~ MARIA VAN DYK", [new Evidence("screen(consignee)", "consignee.name", "MARIA VAN DIJK")]),
            new Reason(ReasonKind.Profile, "P-1", "Vessel of interest", 10, "", [new Evidence("vessel.name = \"POLAR STAR\"", "vessel.name", "POLAR STAR")]),
        ], DateTimeOffset.UnixEpoch);

        var masked = PersonalDataMask.Assessment(assessment);

        Assert.DoesNotContain(masked.Reasons, r => r.Title.Contains("MARIA", StringComparison.Ordinal) || r.Detail.Contains("MARIA VAN DIJK", StringComparison.Ordinal));
        Assert.Equal("M•••• V•• D•••", masked.Reasons[0].Evidence[0].Value);
        Assert.Equal("POLAR STAR", masked.Reasons[1].Evidence[0].Value);
    }

    [Theory]
    [InlineData(Roles.Targeter, true)]
    [InlineData(Roles.Supervisor, true)]
    [InlineData(Roles.Analyst, false)]
    [InlineData(Roles.Examiner, false)]
    [InlineData(Roles.Auditor, false)]
    [InlineData(Roles.Submitter, false)]
    [InlineData(Roles.Admin, false)]
    public void Only_targeters_and_supervisors_see_personal_data_without_asking(string role, bool sees)
    {
        Assert.Equal(sees, PersonalDataAccess.Sees(role));
    }

    [Fact]
    public async Task An_unmasking_is_audited_with_its_reason_holds_for_that_user_and_consignment_and_ends_after_fifteen_minutes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        await using var test = new TestApplication(clock);
        var unmasking = test.Application.PersonalData.Unmasking;

        await Assert.ThrowsAsync<DomainException>(() => unmasking.GrantAsync("eve", "doc-1", " ", Token));
        var grant = await unmasking.GrantAsync("eve", "doc-1", "case 114", Token);

        Assert.True(unmasking.SeesUnmasked("eve", Roles.Examiner, "doc-1"));
        Assert.False(unmasking.SeesUnmasked("eve", Roles.Examiner, "doc-2"));
        Assert.False(unmasking.SeesUnmasked("aud", Roles.Auditor, "doc-1"));
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.False(unmasking.SeesUnmasked("eve", Roles.Examiner, "doc-1"));
        var entry = Assert.Single(await test.Application.Audit.LatestAsync(10, Token));
        Assert.Equal(("eve", Unmasking.Action, "document=doc-1"), (entry.Actor, entry.Action, entry.Target));
        Assert.Equal($"granted until {grant.Until:O}; reason: case 114", entry.Outcome);
    }

    [Fact]
    public async Task An_unmasking_given_on_another_server_of_the_same_store_is_seen_here_within_the_refresh_interval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        await using var test = new TestApplication(clock);
        // Two servers over one store, each with the grants it keeps in memory.
        var here = new Unmasking(test.Store);
        var there = test.Application.PersonalData.Unmasking;
        Assert.False(here.SeesUnmasked("eve", Roles.Examiner, "doc-1"));

        await there.GrantAsync("eve", "doc-1", "case 114", Token);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!here.SeesUnmasked("eve", Roles.Examiner, "doc-1"))
        {
            Assert.True(waited.Elapsed < Unmasking.RefreshInterval * 10, "the grant given on the other server was not seen here");
            await Task.Delay(20, Token);
        }
        Assert.False(here.SeesUnmasked("eve", Roles.Examiner, "doc-2"));
        Assert.False(here.SeesUnmasked("aud", Roles.Auditor, "doc-1"));
        clock.Advance(Unmasking.Duration);
        Assert.False(here.SeesUnmasked("eve", Roles.Examiner, "doc-1"));
    }

    [Fact]
    public async Task An_unmasking_survives_a_restart_with_its_own_end_and_is_not_extended_by_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        await using var test = new TestApplication(clock);
        var grant = await test.Application.PersonalData.Unmasking.GrantAsync("eve", "doc-1", "case 114", Token);
        clock.Advance(TimeSpan.FromMinutes(10));

        await test.ReopenAsync();

        var unmasking = test.Application.PersonalData.Unmasking;
        Assert.True(unmasking.SeesUnmasked("eve", Roles.Examiner, "doc-1"));
        Assert.False(unmasking.SeesUnmasked("eve", Roles.Examiner, "doc-2"));
        Assert.False(unmasking.SeesUnmasked("aud", Roles.Auditor, "doc-1"));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(grant.Until, clock.GetUtcNow());
        Assert.False(unmasking.SeesUnmasked("eve", Roles.Examiner, "doc-1"));

        await test.ReopenAsync();

        Assert.False(test.Application.PersonalData.Unmasking.SeesUnmasked("eve", Roles.Examiner, "doc-1"));
    }
}
