using OpenCts.Domain.Decisions;
using OpenCts.Domain.Examinations;
using OpenCts.Storage.Examinations;
using OpenCts.Storage.Tests.Records;

namespace OpenCts.Storage.Tests.Examinations;

/// <summary>
/// Results retried by their clients, and examinations ordered by two officers at once, sent at the same instant as requests
/// are: a keyed result is recorded once and a consignment has one open examination, on every backend.
/// </summary>
public class ExaminationOnceTests
{
    private const int Rounds = 10;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static KeyedExamination Keyed(string key, string fingerprint, string? notes = "false bottom", decimal amount = 12.50m) =>
        new(new ExaminationResult(SampleRecords.Key, ExaminationOutcome.Irregular, amount, SampleRecords.At, notes, ExaminationFindings.Seizure, "EUR", 3m), key, fingerprint);

    /// <summary>Starts every call on the thread pool before awaiting any, and returns what each did: its answer, or the exception it threw.</summary>
    private static async Task<(T? Answer, Exception? Error)[]> AtOnceAsync<T>(params Func<Task<T>>[] calls)
    {
        using var start = new ManualResetEventSlim();
        var tasks = calls.Select(c => Task.Run(async () =>
        {
            start.Wait(Token);
            return await c();
        }, Token)).ToArray();
        start.Set();
        var answers = new (T?, Exception?)[tasks.Length];
        for (var i = 0; i < tasks.Length; i++)
        {
            try
            {
                answers[i] = (await tasks[i], null);
            }
            catch (StoreConflictException e)
            {
                answers[i] = (default, e);
            }
        }
        return answers;
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_result_sent_ten_times_at_once_under_one_key_is_recorded_and_journaled_once_and_every_answer_is_the_first_result(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        for (var round = 0; round < Rounds; round++)
        {
            var key = $"7d0c6a3e-{round}";
            var answers = await AtOnceAsync([.. Enumerable.Range(0, 10).Select(_ => (Func<Task<IReadOnlyList<RecordedExamination>>>)(() =>
                test.Store.Examinations.RecordOnceAsync([Keyed(key, "fp-1")], Token)))]);

            var recorded = answers.Select(a => Assert.Single(a.Answer!)).ToList();
            Assert.Single(recorded, r => !r.AlreadyRecorded);
            Assert.Equal(9, recorded.Count(r => r.AlreadyRecorded));
            Assert.All(recorded, r => Assert.Equal(recorded[0].Result, r.Result));
        }
        Assert.Equal(Rounds, (await test.Store.Examinations.AllAsync(Token)).Count);
        Assert.Equal(Rounds, test.Journal.Records.Count(r => r.Kind == RecordKinds.Examination));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_retry_is_answered_with_the_result_as_first_stored_and_a_batch_repeating_a_key_records_it_once(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var first = Assert.Single(await test.Store.Examinations.RecordOnceAsync([Keyed("r-1", "fp-1")], Token));
        var retry = Assert.Single(await test.Store.Examinations.RecordOnceAsync([Keyed("r-1", "fp-1", notes: "sent again")], Token));
        var batch = await test.Store.Examinations.RecordOnceAsync([Keyed("r-2", "fp-2"), Keyed("r-2", "fp-2"), Keyed("r-1", "fp-1")], Token);

        Assert.False(first.AlreadyRecorded);
        Assert.Equal(12.5m, first.Result.AmountRecovered);
        Assert.True(retry.AlreadyRecorded);
        Assert.Equal(first.Result, retry.Result);
        Assert.Equal([false, true, true], batch.Select(r => r.AlreadyRecorded));
        Assert.Equal(2, (await test.Store.Examinations.AllAsync(Token)).Count);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Another_result_under_a_stored_key_is_refused_naming_the_key_and_nothing_of_its_batch_is_kept(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        await test.Store.Examinations.RecordOnceAsync([Keyed("r-1", "fp-1")], Token);

        var refused = await Assert.ThrowsAsync<StoreConflictException>(() =>
            test.Store.Examinations.RecordOnceAsync([Keyed("r-2", "fp-2"), Keyed("r-1", "fp-other", amount: 99m)], Token));

        Assert.Equal(
            $"examination result key 'r-1' is already recorded with a different result (document {SampleRecords.Key}); a retry must send the same result, and a new result needs a new key",
            refused.Message);
        Assert.Equal("r-1", ExaminationKeys.KeyOf(refused));
        Assert.Single(await test.Store.Examinations.AllAsync(Token));
        // The refused batch's first result was not kept: its key is free.
        Assert.False(Assert.Single(await test.Store.Examinations.RecordOnceAsync([Keyed("r-2", "fp-2")], Token)).AlreadyRecorded);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Results_without_a_key_are_recorded_each_time_and_do_not_take_a_key(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var result = Keyed("unused", "unused").Result;
        await test.Store.Examinations.RecordAsync([result, result], Token);
        await test.Store.Examinations.RecordAsync([result], Token);

        Assert.Equal(3, (await test.Store.Examinations.AllAsync(Token)).Count);
        Assert.False(Assert.Single(await test.Store.Examinations.RecordOnceAsync([Keyed("r-1", "fp-1")], Token)).AlreadyRecorded);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Two_examine_decisions_on_one_consignment_at_once_keep_one_decision_and_one_open_assignment(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        for (var round = 0; round < Rounds; round++)
        {
            var document = $"{SampleRecords.Key}-{round}";
            var answers = await AtOnceAsync(
                () => test.Store.Assignments.DecideExaminationAsync(new Decision(document, DecisionActions.Examine, "physical", "x-ray first", "targeter.tom", SampleRecords.At), "examiner.eve", Token),
                () => test.Store.Assignments.DecideExaminationAsync(new Decision(document, DecisionActions.Examine, "scan", "scan it", "targeter.tim", SampleRecords.At), "examiner.max", Token));

            var kept = Assert.Single(answers, a => a.Error is null).Answer!;
            var refused = Assert.Single(answers, a => a.Error is not null).Error!;
            Assert.StartsWith($"consignment {document} already has an open examination: assigned to {kept.Examiner} on {kept.AssignedBy}'s decision at ", refused.Message, StringComparison.Ordinal);
            Assert.Single(await test.Store.Decisions.OfAsync(document, Token));
        }
        var open = await OpenAsync(test);
        Assert.Equal(Rounds, open.Count);
        Assert.Equal(Rounds, open.Select(a => a.DocumentKey).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Rounds, test.Journal.Records.Count(r => r.Kind == RecordKinds.Decision));
        Assert.Equal(Rounds, test.Journal.Records.Count(r => r.Kind == RecordKinds.Assignment));
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task Ten_examine_decisions_at_once_on_a_consignment_with_no_examiner_yet_assign_none_and_are_all_kept_but_a_later_one_waits_for_the_open_examination(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var unassigned = await AtOnceAsync([.. Enumerable.Range(0, 10).Select(i => (Func<Task<Storage.Offices.ExaminationAssignment?>>)(() =>
            test.Store.Assignments.DecideExaminationAsync(new Decision(SampleRecords.Key, DecisionActions.Examine, "scan", null, $"targeter{i}", SampleRecords.At), null, Token)))]);
        Assert.All(unassigned, a => Assert.Null(a.Error ?? (object?)a.Answer));

        var assigned = await test.Store.Assignments.DecideExaminationAsync(new Decision(SampleRecords.Key, DecisionActions.Examine, "physical", null, "targeter.tom", SampleRecords.At), "examiner.eve", Token);
        await Assert.ThrowsAsync<StoreConflictException>(() =>
            test.Store.Assignments.DecideExaminationAsync(new Decision(SampleRecords.Key, DecisionActions.Examine, "scan", null, "targeter.tim", SampleRecords.At), "examiner.max", Token));

        Assert.NotNull(assigned);
        Assert.Equal(11, (await test.Store.Decisions.OfAsync(SampleRecords.Key, Token)).Count);
    }

    [Theory]
    [MemberData(nameof(StoreBackends.All), MemberType = typeof(StoreBackends))]
    public async Task A_consignment_is_examined_again_once_the_result_of_its_open_examination_is_recorded(string backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var decision = new Decision(SampleRecords.Key, DecisionActions.Examine, "physical", null, "targeter.tom", SampleRecords.At);
        await test.Store.Assignments.DecideExaminationAsync(decision, "examiner.eve", Token);
        // The result is recorded at the store's clock (now), after the assignment of SampleRecords.At; the next order comes later.
        await test.Store.Examinations.RecordAsync([Keyed("unused", "unused").Result], Token);

        var again = await test.Store.Assignments.DecideExaminationAsync(decision with { DecidedAt = DateTimeOffset.UtcNow.AddHours(1) }, "examiner.max", Token);

        Assert.NotNull(again);
        Assert.Equal(["examiner.max"], (await OpenAsync(test)).Select(a => a.Examiner));
    }

    private static async Task<List<Storage.Offices.ExaminationAssignment>> OpenAsync(TestStore test) =>
        [.. await test.Store.Assignments.OfExaminerAsync("examiner.eve", openOnly: true, Token), .. await test.Store.Assignments.OfExaminerAsync("examiner.max", openOnly: true, Token)];
}
