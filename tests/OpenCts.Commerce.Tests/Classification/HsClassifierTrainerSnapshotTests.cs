using OpenCts.Commerce.Classification;

namespace OpenCts.Commerce.Tests.Classification;

public sealed class HsClassifierTrainerSnapshotTests
{
    [Fact]
    public void A_loaded_trainer_builds_the_same_classifier_and_goes_on_counting_exactly_the_same_way()
    {
        var lines = ParcelCatalogue.Lines(seed: 3, perHeading: 30);
        var original = new HsClassifierTrainer().Train(lines.Take(lines.Count / 2), weight: 0.7);

        var loaded = RoundTrip(original);

        Assert.Equal((original.Headings, original.Descriptions), (loaded.Headings, loaded.Descriptions));
        Assert.Equal(Model(original), Model(loaded));
        original.Train(lines.Skip(lines.Count / 2));
        loaded.Train(lines.Skip(lines.Count / 2));
        Assert.Equal(Model(original), Model(loaded));
        var (built, builtFromLoaded) = (original.Build(), loaded.Build());
        Assert.Equal(lines.Select(l => built.Predict(l.Description).ToString()), lines.Select(l => builtFromLoaded.Predict(l.Description).ToString()));
    }

    [Fact]
    public void A_trainer_cut_short_or_under_another_tag_is_refused()
    {
        var saved = Save(new HsClassifierTrainer().Train(ParcelCatalogue.Lines(seed: 4, perHeading: 5)));

        foreach (var cut in new[] { 0, 5, 10, 17, saved.Length / 2, saved.Length - 1 })
        {
            var error = Assert.Throws<InvalidDataException>(() => Load(saved[..cut]));
            Assert.Equal("classifier trainer: truncated", error.Message);
        }
        saved[0] = (byte)'E';
        Assert.Equal("classifier trainer: bad tag 'ESCT', expected 'HSCT'", Assert.Throws<InvalidDataException>(() => Load(saved)).Message);
    }

    /// <summary>The built classifier as its saved bytes: every prior, every posting and gain.</summary>
    private static byte[] Model(HsClassifierTrainer trainer)
    {
        using var stream = new MemoryStream();
        trainer.Build().Save(stream);
        return stream.ToArray();
    }

    private static HsClassifierTrainer RoundTrip(HsClassifierTrainer trainer) => Load(Save(trainer));

    private static byte[] Save(HsClassifierTrainer trainer) => SavedState.Save(trainer.Save);

    private static HsClassifierTrainer Load(byte[] saved) => SavedState.Load(saved, HsClassifierTrainer.Load);
}
