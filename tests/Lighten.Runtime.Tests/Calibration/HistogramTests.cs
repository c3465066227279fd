using Lighten.Runtime.Calibration;

namespace Lighten.Runtime.Tests.Calibration;

public class HistogramTests
{
    [Fact]
    public void Growing_ranges_keep_every_count_in_the_same_number_of_bins()
    {
        var h = new Histogram(64);
        var random = new Random(1);
        long total = 0;
        for (int batch = 1; batch <= 20; batch++)
        {
            var values = Enumerable.Range(0, 500).Select(_ => (random.NextSingle() * 2 - 1) * batch * batch).ToArray();
            h.Add(values);
            total += values.Length;
            Assert.Equal(64, h.Bins);
            Assert.Equal(64, h.Counts.Length);
            Assert.Equal(total, h.Total);
            long sum = 0;
            foreach (var c in h.Counts) sum += c;
            Assert.Equal(total, sum);
        }
        Assert.True(h.LowerEdge(0) <= -300 && h.LowerEdge(64) >= 300, "the window covers every value seen");
    }

    [Fact]
    public void Doubling_the_width_merges_neighbor_bins_exactly()
    {
        var h = new Histogram(16);
        // Width 1 on a grid anchored at 0: values 0.5 .. 13.5 land one per bin.
        h.Add(Enumerable.Range(0, 14).Select(i => i + 0.5f).ToArray(), 0, 14);
        double width = h.Width;
        h.Add([40.5f]);
        Assert.True(h.Width >= 2 * width);
        // Every value still sits in the bin whose edges surround it.
        foreach (var v in Enumerable.Range(0, 14).Select(i => i + 0.5).Append(40.5))
        {
            int bin = (int)Math.Floor((v - h.LowerEdge(0)) / h.Width);
            Assert.True(h.Counts[bin] > 0, $"no count where {v} fell");
        }
        Assert.Equal(15, h.Total);
    }

    [Fact]
    public void Quantiles_of_uniform_values_are_close_to_exact()
    {
        var h = new Histogram();
        h.Add(Enumerable.Range(0, 100_000).Select(i => i / 100_000f).ToArray());
        Assert.Equal(0.5, h.Quantile(0.5), 3);
        Assert.Equal(0.99, h.Quantile(0.99), 3);
        Assert.Equal(0.0, h.Quantile(0), 3);
    }

    [Fact]
    public void A_first_batch_of_zeros_then_wide_values_still_fits()
    {
        var h = new Histogram(32);
        h.Add(new float[100]);
        h.Add([1e6f, -3f]);
        Assert.Equal(102, h.Total);
        Assert.True(h.LowerEdge(32) >= 1e6);
    }

    [Fact]
    public void Non_finite_values_are_ignored()
    {
        var stats = new TensorStatistics("t");
        stats.Add([1f, float.NaN, float.PositiveInfinity, -2f, float.NegativeInfinity], [5]);
        Assert.Equal(-2f, stats.Min);
        Assert.Equal(1f, stats.Max);
        Assert.Equal(2, stats.Histogram!.Total);
    }

    [Fact]
    public void Channel_means_follow_axis_1()
    {
        var stats = new TensorStatistics("t", histogramBins: 0, channelMeans: true);
        // Two samples of 2 channels × 2 values.
        stats.Add([1f, 3f, 10f, 10f, 5f, 7f, 0f, 2f], [2, 2, 2]);
        Assert.Null(stats.Histogram);
        Assert.Equal([4.0, 5.5], stats.ChannelMeans!);
    }
}
