using OpenCts.Commerce.Entities;
using OpenCts.Domain.Consignments;

namespace OpenCts.Commerce.Tests.Entities;

public sealed partial class EntityIndexSnapshotTests
{
    // The parcels before the save: enough that the key maps' pages split, the party text fills several packed blocks,
    // sellers' day counts span more than the 32 kept days, and splits, merges and examinations have happened.
    private const int BeforeSave = 1_500;

    [Fact]
    public void A_loaded_index_answers_every_question_as_the_saved_one()
    {
        var original = new EntityIndex();
        var log = IndexWorkload.Run(original, 0, BeforeSave);
        Assert.Contains(log, line => line.Contains("analyst split", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("analyst merged", StringComparison.Ordinal));
        Assert.True(original.DocumentCount > KeyMap.SplitAt, $"{original.DocumentCount} documents");

        var loaded = RoundTrip(original);

        var answers = IndexWorkload.Answers(loaded);
        AssertSame(IndexWorkload.Answers(original), answers);
        Assert.Contains(answers, line => line.Contains(" merged into ", StringComparison.Ordinal));
        Assert.Contains(answers, line => line.Contains("an analyst split it off", StringComparison.Ordinal));
    }

    [Fact]
    public void A_loaded_index_goes_on_linking_records_and_decisions_exactly_as_the_saved_one()
    {
        var original = new EntityIndex();
        IndexWorkload.Run(original, 0, BeforeSave);

        // Straight on, nothing read first: reading unpacks text and shortens paths, which would hide a difference.
        var loaded = RoundTrip(original);

        AssertSame(IndexWorkload.Run(original, BeforeSave, IndexWorkload.Parcels), IndexWorkload.Run(loaded, BeforeSave, IndexWorkload.Parcels));
        AssertSame(IndexWorkload.Answers(original), IndexWorkload.Answers(loaded));
    }

    [Fact]
    public void A_loaded_index_saves_to_the_same_bytes()
    {
        var original = new EntityIndex();
        IndexWorkload.Run(original, 0, BeforeSave);
        var saved = Save(original);

        Assert.Equal(saved, Save(Load(saved)));
    }

    [Fact]
    public void An_index_read_in_two_halves_at_once_from_a_file_answers_and_saves_as_the_saved_one()
    {
        var original = new EntityIndex();
        IndexWorkload.Run(original, 0, BeforeSave);
        var saved = Save(original);

        var loaded = LoadInHalves(saved);

        Assert.Equal(saved, Save(loaded));
        AssertSame(IndexWorkload.Answers(original), IndexWorkload.Answers(loaded));
        AssertSame(IndexWorkload.Run(original, BeforeSave, IndexWorkload.Parcels), IndexWorkload.Run(loaded, BeforeSave, IndexWorkload.Parcels));
    }

    [Fact]
    public void A_damaged_second_half_read_on_its_own_thread_is_refused_with_its_part()
    {
        var saved = Small.Value.Saved.ToArray();
        // The header says where the second half begins; its first part is the keys' postings.
        var secondAt = (int)System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(saved.AsSpan(8));
        Assert.Equal("POST"u8.ToArray(), saved[secondAt..(secondAt + 4)]);
        saved[secondAt] = (byte)'X';

        var error = Assert.Throws<InvalidDataException>(() => LoadInHalves(saved));
        Assert.Equal("entity index: bad tag 'XOST' where the part 'POST' begins", error.Message);
    }

    [Fact]
    public void Opening_the_second_half_may_touch_the_first_readers_file_without_breaking_the_first_half()
    {
        var original = new EntityIndex();
        IndexWorkload.Run(original, 0, BeforeSave);
        var saved = Save(original);

        // Asking a FileStream for its handle, as the checkpoint does to read the second half through it, flushes the
        // stream's buffer and moves its position: done on another thread while the first half was read, it broke it.
        for (var round = 0; round < 5; round++)
        {
            var loaded = LoadInHalves(saved, first => _ = first.SafeFileHandle);

            Assert.Equal(saved, Save(loaded));
        }
    }

    /// <summary>Loads as the indicators' checkpoint does: from a file, the second half from a second handle.</summary>
    private static EntityIndex LoadInHalves(byte[] saved, Action<FileStream>? opening = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cts-index-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, saved);
        try
        {
            using var first = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(first);
            var loaded = EntityIndex.Load(reader, at =>
            {
                opening?.Invoke(first);
                return new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) { Position = at });
            });
            Assert.Equal(saved.Length, reader.BaseStream.Position);
            return loaded;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_empty_index_loads_as_an_empty_index_that_links_as_a_new_one_does()
    {
        var loaded = RoundTrip(new EntityIndex());

        Assert.Equal((0, 0, 0, 0L), (loaded.RecordCount, loaded.EntitySlots, loaded.DocumentCount, loaded.RawTextBytes - new EntityIndex().RawTextBytes));
        AssertSame(IndexWorkload.Run(new EntityIndex(), 0, 300), IndexWorkload.Run(loaded, 0, 300));
    }

    [Fact]
    public void A_key_too_long_for_the_arena_and_an_examination_ahead_of_its_parcel_survive_the_save()
    {
        var original = new EntityIndex();
        var longKey = new string('K', 70_000);
        original.Add(Parties.Consignee(longKey, "Anna Berg", "Damrak 1", "Amsterdam", "1012LG", email: "anna@example.com"));
        original.RecordExamination("DOC-AHEAD", found: true);

        var loaded = RoundTrip(original);

        Assert.Equal("E-000001", loaded.EntityOf(longKey, PartyRole.Consignee));
        var facts = loaded.Add(Parties.Consignee("DOC-AHEAD", "Anna Berg", email: "anna@example.com", day: 1));
        Assert.Equal(("E-000001", 2, 1, 1), (facts.EntityId, facts.Consignments, facts.Examined, facts.Seizures));
        Assert.False(loaded.AddDocument(longKey));
    }

    [Fact]
    public void An_index_that_hashes_document_keys_its_own_way_is_not_saved()
    {
        var index = new EntityIndex(static _ => 42);

        var error = Assert.Throws<InvalidOperationException>(() => Save(index));
        Assert.Contains("default way", error.Message, StringComparison.Ordinal);
    }

    private static EntityIndex RoundTrip(EntityIndex index) => Load(Save(index));

    private static byte[] Save(EntityIndex index) => SavedState.Save(index.Save);

    private static EntityIndex Load(byte[] saved) => SavedState.Load(saved, EntityIndex.Load);

    /// <summary>Equal lists, reported at the first answer that differs rather than as two lists of thousands.</summary>
    private static void AssertSame(List<string> expected, List<string> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            Assert.True(expected[i] == actual[i], $"answer {i}: expected {Cut(expected[i])}, got {Cut(actual[i])}");
        }
        Assert.Equal(expected.Count, actual.Count);
    }

    private static string Cut(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
