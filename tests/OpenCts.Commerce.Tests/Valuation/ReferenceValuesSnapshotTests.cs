using System.Globalization;
using OpenCts.Commerce.Valuation;
using OpenCts.Domain.Values;

namespace OpenCts.Commerce.Tests.Valuation;

public sealed class ReferenceValuesSnapshotTests
{
    private static readonly CommerceSettings Settings = new() { NationalCurrency = CurrencyCode.Parse("EUR"), MinimumHistory = 20, SampleSize = 64 };

    private static readonly string[] Subheadings = ["851830", "851762", "610910", "640399", "420222", "950300"];

    private static readonly string?[] Origins = ["CN", "BD", "TR", "VN", null];

    [Fact]
    public void Loaded_reference_values_answer_as_the_saved_ones_and_go_on_sampling_exactly_the_same_way()
    {
        var original = new ReferenceValues(Settings);
        // Hundreds of lines a key against a reservoir of 64: samples are full and replace values at random.
        Observe(original, seed: 1, lines: 6_000);

        var loaded = RoundTrip(original, Settings);

        Assert.Equal(original.Keys, loaded.Keys);
        Assert.Equal(Answers(original), Answers(loaded));
        Observe(original, seed: 2, lines: 6_000);
        Observe(loaded, seed: 2, lines: 6_000);
        Assert.Equal(Answers(original), Answers(loaded));
    }

    [Fact]
    public void Reference_values_saved_with_another_sample_size_are_refused_and_another_minimum_history_is_taken()
    {
        var original = new ReferenceValues(Settings);
        Observe(original, seed: 3, lines: 500);
        var saved = Save(original);

        var error = Assert.Throws<InvalidDataException>(() => Load(saved, Settings with { SampleSize = 128 }));
        Assert.Equal("reference values: saved with samples of 64 values, the settings keep 128", error.Message);
        var stricter = Load(saved, Settings with { MinimumHistory = 50 });
        Assert.Equal((50, 64), (stricter.MinimumHistory, stricter.SampleSize));
    }

    [Fact]
    public void Reference_values_cut_short_or_under_another_tag_are_refused()
    {
        var original = new ReferenceValues(Settings);
        Observe(original, seed: 4, lines: 500);
        var saved = Save(original);

        foreach (var cut in new[] { 0, 3, 9, 14, saved.Length / 3, saved.Length / 2, saved.Length - 1 })
        {
            var error = Assert.Throws<InvalidDataException>(() => Load(saved[..cut], Settings));
            Assert.Equal("reference values: truncated", error.Message);
        }
        saved[3] = (byte)'?';
        Assert.Equal("reference values: bad tag 'REF?', expected 'REFV'", Assert.Throws<InvalidDataException>(() => Load(saved, Settings)).Message);
    }

    private static void Observe(ReferenceValues references, int seed, int lines)
    {
        var random = new Random(seed);
        for (var i = 0; i < lines; i++)
        {
            var subheading = random.Next(Subheadings.Length);
            references.Observe(Subheadings[subheading], Origins[random.Next(Origins.Length)], (subheading + 1) * 10 * Math.Exp(random.NextDouble() * 2));
        }
    }

    private static List<string> Answers(ReferenceValues references)
    {
        var answers = new List<string>();
        foreach (var hs in Subheadings.Append("851899").Append("999999"))
        {
            foreach (var origin in Origins.Append("US"))
            {
                answers.Add(string.Create(CultureInfo.InvariantCulture, $"{hs} {origin} {references.Lookup(hs, origin)} {references.Median(hs, origin):R}"));
                for (var value = 5.0; value < 500; value *= 1.7)
                {
                    answers.Add(references.Percentile(hs, origin, value).ToString("R", CultureInfo.InvariantCulture));
                }
            }
        }
        return answers;
    }

    private static ReferenceValues RoundTrip(ReferenceValues references, CommerceSettings settings) => Load(Save(references), settings);

    private static byte[] Save(ReferenceValues references) => SavedState.Save(references.Save);

    private static ReferenceValues Load(byte[] saved, CommerceSettings settings) => SavedState.Load(saved, reader => ReferenceValues.Load(reader, settings));
}
