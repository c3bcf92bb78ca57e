using OpenCts.Domain.Decisions;
using OpenCts.Domain.Profiles;
using OpenCts.Domain.Watchlists;
using OpenCts.Storage.Tests.Records;
using OpenCts.Storage.Users;

namespace OpenCts.Storage.Tests.Concurrency;

/// <summary>
/// Writes made from a state read a moment before, sent at the same instant as requests are without the store gate: the
/// store checks the expected state inside the write, so of two writes from one state exactly one is kept, on every backend.
/// </summary>
public class ConditionalWriteTests
{
    private const int Rounds = 25;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Starts every write on the thread pool before awaiting any, and tells which were kept and which refused.</summary>
    private static async Task<(int Kept, int Refused)> AtOnceAsync(params Func<Task>[] writes)
    {
        using var start = new ManualResetEventSlim();
        var tasks = writes.Select(w => Task.Run(async () =>
        {
            start.Wait(Token);
            await w();
        }, Token)).ToArray();
        start.Set();
        var kept = 0;
        var refused = 0;
        foreach (var task in tasks)
        {
            try
            {
                await task;
                kept++;
            }
            catch (StoreConflictException)
            {
                refused++;
            }
        }
        return (kept, refused);
    }

    /// <summary>Starts every call on the thread pool before awaiting any, and returns their answers in order.</summary>
    private static async Task<T[]> AnswersAtOnceAsync<T>(params Func<Task<T>>[] calls)
    {
        using var start = new ManualResetEventSlim();
        var tasks = calls.Select(c => Task.Run(async () =>
        {
            start.Wait(Token);
            return await c();
        }, Token)).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task One_allow_list_request_made_by_ten_officers_at_once_is_kept_once_and_none_once_the_party_is_allowed(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        for (var round = 0; round < Rounds / 5; round++)
        {
            var party = $"ALPHA TRADING {round}";
            var (kept, refused) = await AtOnceAsync([.. Enumerable.Range(0, 10).Select(i => (Func<Task>)(() =>
                test.Store.Watchlists.RequestAllowAsync(new AllowListEntry(i % 2 == 0 ? party : party.ToLowerInvariant(), "own", "1", $"officer{i}", "a namesake", SampleRecords.At), Token)))]);

            Assert.Equal((1, 9), (kept, refused));
            var request = Assert.Single(await test.Store.Watchlists.AllowRequestsAsync(Token), r => string.Equals(r.PartyName, party, StringComparison.OrdinalIgnoreCase));
            Assert.NotNull(await test.Store.Watchlists.DecideAllowRequestAsync(request.Id, allow: true, "supervisor.bo", "allowed", Token));
            var again = await Assert.ThrowsAsync<StoreConflictException>(() =>
                test.Store.Watchlists.RequestAllowAsync(new AllowListEntry(party, "own", "1", "officer.al", "again", SampleRecords.At), Token));
            Assert.Equal($"'{party}' is already allow-listed against own 1", again.Message);
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task An_allow_list_request_allowed_and_refused_by_two_supervisors_at_once_is_decided_once(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        for (var round = 0; round < Rounds; round++)
        {
            var party = $"ALPHA TRADING {round}";
            var id = await test.Store.Watchlists.RequestAllowAsync(new AllowListEntry(party, "own", "1", "officer.al", "a namesake", SampleRecords.At), Token);

            var answers = await AnswersAtOnceAsync(
                () => test.Store.Watchlists.DecideAllowRequestAsync(id, allow: true, "supervisor.bo", "allowed", Token),
                () => test.Store.Watchlists.DecideAllowRequestAsync(id, allow: false, "supervisor.cy", "refused", Token));

            Assert.Single(answers, a => a is not null);
            Assert.DoesNotContain(await test.Store.Watchlists.AllowRequestsAsync(Token), r => r.Id == id);
        }
        Assert.Equal(2 * Rounds, test.Journal.Records.Count(r => r.Kind == RecordKinds.AllowList));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_request_for_information_answered_by_two_versions_at_once_is_answered_once_by_one_of_them(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var first = await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-1", SampleConsignment.Of()), "a.json", Token);
        var second = await test.Store.Messages.StoreAsync(SampleConsignment.Message("M-2", SampleConsignment.Of(number: "MAEU000000002")), "b.json", Token);
        for (var round = 0; round < Rounds; round++)
        {
            var referral = await test.Store.Referrals.RecordAsync(
                new Decision(SampleRecords.Key, DecisionActions.RequestInformation, null, $"invoice please ({round})", "officer.al", SampleRecords.At), "filer", null, Token);

            var answers = await AnswersAtOnceAsync(
                () => test.Store.Referrals.AnswerAsync(referral.Id, first.RawMessageId, SampleRecords.At.AddHours(1), Token),
                () => test.Store.Referrals.AnswerAsync(referral.Id, second.RawMessageId, SampleRecords.At.AddHours(2), Token));

            Assert.Single(answers, a => a);
            var answered = Assert.Single(await test.Store.Referrals.OfDocumentsAsync([SampleRecords.Key], Token), r => r.Id == referral.Id);
            Assert.Equal(answers[0] ? first.RawMessageId : second.RawMessageId, answered.AnsweredBy);
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task An_approval_and_a_rejection_of_one_submitted_profile_sent_at_once_keep_exactly_one_new_version(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        for (var round = 0; round < Rounds; round++)
        {
            var submitted = await test.Store.Profiles.SaveAsync(SampleRecords.Profile() with { Id = $"P-{round}", Status = ProfileStatus.AwaitingApproval }, Token);

            var (kept, refused) = await AtOnceAsync(
                () => test.Store.Profiles.SaveAsync(submitted with { Status = ProfileStatus.Active }, submitted.Version, Token),
                () => test.Store.Profiles.SaveAsync(submitted with { Status = ProfileStatus.Draft }, submitted.Version, Token));

            Assert.Equal((1, 1), (kept, refused));
            var versions = await test.Store.Profiles.VersionsAsync(submitted.Id, Token);
            Assert.Equal([1, 2], versions.Select(v => v.Version));
            Assert.Contains(versions[1].Status, new[] { ProfileStatus.Active, ProfileStatus.Draft });
            Assert.Equal(2, test.Journal.Records.Count(r => r.Kind == RecordKinds.Profile && r.Id.StartsWith($"P-{round}@", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Ten_approvals_of_one_submitted_profile_sent_at_once_put_it_in_force_once(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        for (var round = 0; round < Rounds / 5; round++)
        {
            var submitted = await test.Store.Profiles.SaveAsync(SampleRecords.Profile() with { Id = $"P-{round}", Status = ProfileStatus.AwaitingApproval }, Token);

            var (kept, refused) = await AtOnceAsync([.. Enumerable.Range(0, 10).Select(i => (Func<Task>)(() =>
                test.Store.Profiles.SaveAsync(submitted with { Status = ProfileStatus.Active, Description = $"approved by supervisor {i}" }, submitted.Version, Token)))]);

            Assert.Equal((1, 9), (kept, refused));
            Assert.Equal([ProfileStatus.AwaitingApproval, ProfileStatus.Active], (await test.Store.Profiles.VersionsAsync(submitted.Id, Token)).Select(v => v.Status));
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_profile_saved_from_a_version_that_is_no_longer_the_latest_is_refused_naming_the_version_it_is_at(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var first = await test.Store.Profiles.SaveAsync(SampleRecords.Profile() with { Status = ProfileStatus.AwaitingApproval }, Token);
        await test.Store.Profiles.SaveAsync(first with { Status = ProfileStatus.Draft }, first.Version, Token);

        var refused = await Assert.ThrowsAsync<StoreConflictException>(() => test.Store.Profiles.SaveAsync(first with { Status = ProfileStatus.Active }, first.Version, Token));

        Assert.Equal($"profile {first.Id} changed at the same time: it is at version 2 (Draft), not 1; read it again and decide on what it is now", refused.Message);
        Assert.Equal(2, (await test.Store.Profiles.VersionsAsync(first.Id, Token)).Count);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task One_account_name_created_ten_times_at_once_is_created_once_and_keeps_the_credential_of_the_one_kept(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        for (var round = 0; round < Rounds / 5; round++)
        {
            var name = $"officer{round}";
            var accounts = Enumerable.Range(0, 10).Select(i => new UserAccount(i % 2 == 0 ? name : name.ToUpperInvariant(), "targeter", false, $"pbkdf2$hash-{i}", null, null, $"admin{i}", SampleRecords.At)).ToArray();

            var (kept, refused) = await AtOnceAsync([.. accounts.Select(a => (Func<Task>)(() => test.Store.Users.SaveAsync(a, null, Token)))]);

            Assert.Equal((1, 9), (kept, refused));
            var stored = await test.Store.Users.FindAsync(name, Token);
            Assert.Contains(stored, accounts);
            Assert.Single(await test.Store.Users.AllAsync(Token), a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_disable_and_a_credential_reset_made_from_one_version_of_an_account_at_once_keep_exactly_one(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        for (var round = 0; round < Rounds; round++)
        {
            var account = new UserAccount($"examiner{round}", "examiner", false, "pbkdf2$old", null, null, "admin", SampleRecords.At);
            await test.Store.Users.SaveAsync(account, null, Token);
            var disabled = account with { Disabled = true, ChangedBy = "supervisor-a" };
            var reset = account with { PasswordHash = "pbkdf2$new", ChangedBy = "supervisor-b" };

            var (kept, refused) = await AtOnceAsync(
                () => test.Store.Users.SaveAsync(disabled, account, Token),
                () => test.Store.Users.SaveAsync(reset, account, Token));

            Assert.Equal((1, 1), (kept, refused));
            Assert.Contains(await test.Store.Users.FindAsync(account.Name, Token), new[] { disabled, reset });
        }
        Assert.Equal(2 * Rounds, test.Journal.Records.Count(r => r.Kind == RecordKinds.User));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task An_account_changed_from_a_version_that_is_no_longer_the_latest_is_refused_and_nothing_is_kept(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var account = new UserAccount("ana", "supervisor", false, "pbkdf2$old", null, null, "admin", SampleRecords.At);
        await test.Store.Users.SaveAsync(account, null, Token);
        var changed = account with { Role = "auditor", ChangedBy = "root" };
        await test.Store.Users.SaveAsync(changed, account, Token);

        var refused = await Assert.ThrowsAsync<StoreConflictException>(() => test.Store.Users.SaveAsync(account with { Disabled = true }, account, Token));
        var again = await Assert.ThrowsAsync<StoreConflictException>(() => test.Store.Users.SaveAsync(account with { ChangedBy = "other" }, null, Token));

        Assert.Equal("user ana changed at the same time (by root); read it again and change what it is now", refused.Message);
        Assert.Equal("user ana exists: it was created at the same time by root", again.Message);
        Assert.Equal(changed, await test.Store.Users.FindAsync("ana", Token));
        Assert.Equal(2, test.Journal.Records.Count(r => r.Kind == RecordKinds.User));
    }
}
