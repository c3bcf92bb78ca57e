using OpenCts.Application.Profiles;
using OpenCts.Application.Users;
using OpenCts.Domain.Assessments;
using OpenCts.Domain.Profiles;

namespace OpenCts.Application.Tests.Concurrency;

/// <summary>
/// Officers' read-then-write actions sent at the same instant, as two browsers do now that requests are not serialised:
/// the check the core makes on its read is repeated by the store inside the write, so the loser is refused with a conflict.
/// </summary>
public class ConcurrentOfficerActionsTests
{
    private const int Rounds = 20;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Runs every action on the thread pool at once; the results are the actions' own, or the exception they raised.</summary>
    private static async Task<(int Done, List<Exception> Refused)> AtOnceAsync(params Func<Task>[] actions)
    {
        using var start = new ManualResetEventSlim();
        var tasks = actions.Select(a => Task.Run(async () =>
        {
            start.Wait(Token);
            await a();
        }, Token)).ToArray();
        start.Set();
        var done = 0;
        var refused = new List<Exception>();
        foreach (var task in tasks)
        {
            try
            {
                await task;
                done++;
            }
            catch (Exception e) when (e is ProfileLifecycleException or UserAccountException or Storage.StoreConflictException)
            {
                refused.Add(e);
            }
        }
        return (done, refused);
    }

    [Fact]
    public async Task Of_an_approval_and_a_rejection_of_one_profile_sent_at_once_exactly_one_is_done_and_the_other_is_refused()
    {
        await using var test = new TestApplication();
        var profiles = test.Application.Profiles;
        for (var round = 0; round < Rounds; round++)
        {
            var id = $"REV-{900 + round}";
            await profiles.SaveDraftAsync(new RiskProfile(id, "Ecuador consignors", ThreatCategory.RevenueAndValuation, "consignor.country == \"EC\"", 45, ProfileAction.YellowLane, "analyst.ana", ProfileStatus.Draft), Token);
            await profiles.SubmitAsync(id, "analyst.ana", Token);

            var (done, refused) = await AtOnceAsync(
                () => profiles.ApproveAsync(id, "supervisor.bo", Token),
                () => profiles.RejectAsync(id, "supervisor.cy", Token));

            Assert.Equal(1, done);
            Assert.Single(refused);
            var versions = await test.Store.Profiles.VersionsAsync(id, Token);
            Assert.Equal(3, versions.Count);
        }
    }

    [Fact]
    public async Task Of_two_examine_decisions_on_one_consignment_sent_at_once_one_is_recorded_with_its_assignment_and_the_other_refused()
    {
        await using var test = new TestApplication();
        await test.Application.Users.AddAsync("eva", Roles.Examiner, apiKey: true, "test", Token);
        await test.Application.Users.AddAsync("ed", Roles.Examiner, apiKey: true, "test", Token);
        for (var round = 0; round < Rounds; round++)
        {
            var document = (await test.Application.Intake.ReceiveAsync(TestApplication.Csv($"m{round}", $"160-{11111111 + round}", departure: DateTimeOffset.UtcNow), "a.csv", "acme", Token))[0].Stored.Versions[0].DocumentKey;

            var (done, refused) = await AtOnceAsync(
                () => test.Application.Decisions.DecideAsync(document, "examine", "physical", "officer one", "tom", Token),
                () => test.Application.Decisions.DecideAsync(document, "examine", "scan", "officer two", "tim", Token));

            Assert.Equal(1, done);
            Assert.IsType<Storage.StoreConflictException>(Assert.Single(refused));
            Assert.Single(await test.Application.Decisions.OfAsync(document, Token));
            var open = (await test.Application.Examiners.OfAsync("eva", openOnly: true, Token)).Concat(await test.Application.Examiners.OfAsync("ed", openOnly: true, Token));
            Assert.Single(open, a => a.DocumentKey == document);
        }
    }

    [Fact]
    public async Task One_user_added_by_five_administrators_at_once_is_added_once_and_only_the_password_handed_out_signs_in()
    {
        await using var test = new TestApplication();
        var users = test.Application.Users;
        for (var round = 0; round < Rounds / 4; round++)
        {
            var name = $"examiner{round}";
            var issued = new System.Collections.Concurrent.ConcurrentBag<IssuedCredential>();

            var (done, refused) = await AtOnceAsync([.. Enumerable.Range(0, 5).Select(i => (Func<Task>)(async () =>
                issued.Add(await users.AddAsync(name, Roles.Examiner, apiKey: false, $"admin{i}", Token))))]);

            Assert.Equal(1, done);
            Assert.Equal(4, refused.Count);
            Assert.All(refused, e => Assert.IsType<UserAccountException>(e));
            Assert.NotNull(await users.SignInAsync(name, Assert.Single(issued).Secret, Token));
        }
    }
}
