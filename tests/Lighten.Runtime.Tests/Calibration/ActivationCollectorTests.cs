using Lighten.Core;
using Lighten.Runtime.Calibration;

namespace Lighten.Runtime.Tests.Calibration;

public class ActivationCollectorTests
{
    [Fact]
    public void Statistics_match_the_images_fed()
    {
        var source = new SyntheticCalibrationSource(16, 16, 5, seed: 4);
        var graph = SmallNets.ConvStack(1);
        var stats = ActivationCollector.Collect(graph, ["input", "conv0_act"], source,
            new CollectionOptions { ChannelMeans = new HashSet<string> { "input" }, BatchSize = 2 });

        var images = new float[source.Count][];
        for (int i = 0; i < source.Count; i++) source.Write(i, images[i] = new float[source.SampleLength]);
        var input = stats.Tensors["input"];
        Assert.Equal(images.Min(x => x.Min()), input.Min);
        Assert.Equal(images.Max(x => x.Max()), input.Max);
        Assert.Equal(5L * source.SampleLength, input.Count);
        for (int c = 0; c < 3; c++)
            Assert.Equal(images.Average(x => x.Skip(c * 256).Take(256).Average()), input.ChannelMeans![c], 5);
        Assert.True(stats.Tensors["conv0_act"].Min >= 0, "a ReLU output");
        Assert.Equal(5, stats.Samples);
        Assert.Equal(Histogram.DefaultBins, stats.Tensors["conv0_act"].Histogram!.Bins);
    }

    [Fact]
    public void A_model_whose_input_does_not_match_the_images_is_refused()
    {
        var source = new SyntheticCalibrationSource(32, 32, 1);
        var e = Assert.Throws<Lighten.Data.DataException>(() => ActivationCollector.Collect(SmallNets.ConvStack(1), ["input"], source));
        Assert.Contains("3x32x32", e.Message);
    }

    [Fact]
    public void Synthetic_images_are_seeded_smooth_and_normalized()
    {
        var a = new SyntheticCalibrationSource(32, 32, 3, seed: 7);
        var b = new SyntheticCalibrationSource(32, 32, 3, seed: 7);
        float[] x = new float[a.SampleLength], y = new float[a.SampleLength], z = new float[a.SampleLength];
        a.Write(1, x);
        b.Write(1, y);
        a.Write(2, z);
        Assert.Equal(x, y);
        Assert.NotEqual(x, z);
        Assert.InRange(x.Max(Math.Abs), 0.1, 4);
        double step = Enumerable.Range(0, 31).Average(i => Math.Abs(x[i + 1] - x[i]));
        Assert.True(step < 0.2, $"neighboring pixels differ by {step} on average");
    }

    [Fact]
    public void Calibration_folders_give_a_seeded_subset_of_their_images()
    {
        var folder = TestFiles.TempDir();
        for (int i = 0; i < 6; i++) TestImages.Solid(Path.Combine(folder, i < 3 ? "a" : "b", $"{i}.png"), 8, new SkiaSharp.SKColor((byte)(40 * i), 0, 0));
        var preprocess = new Lighten.Data.Imaging.Preprocess(8, 8);
        var source = CalibrationSource.Open(folder, preprocess, 4, seed: 1);
        Assert.Equal(4, source.Count);
        Assert.IsType<ImageCalibrationSource>(source);
        var again = CalibrationSource.Open(folder, preprocess, 4, seed: 1);
        float[] x = new float[source.SampleLength], y = new float[source.SampleLength];
        source.Write(3, x);
        again.Write(3, y);
        Assert.Equal(x, y);
        Assert.IsType<SyntheticCalibrationSource>(CalibrationSource.Open("synthetic", preprocess, 2));
        Assert.Throws<Lighten.Data.DataException>(() => CalibrationSource.Open(Path.Combine(folder, "missing"), preprocess, 2));
    }
}
