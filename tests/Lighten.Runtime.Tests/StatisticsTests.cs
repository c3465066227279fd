namespace Lighten.Runtime.Tests;

public class StatisticsTests
{
    [Fact]
    public void Median_of_odd_count_is_the_middle_value()
    {
        Assert.Equal(3.0, Statistics.Median([1.0, 2, 3, 4, 100]));
    }

    [Fact]
    public void Median_of_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, Statistics.Median([1.0, 2, 3, 4]));
    }

    [Fact]
    public void P90_interpolates_between_closest_ranks()
    {
        // h = (10 - 1) * 0.9 = 8.1 → x[8] + 0.1 * (x[9] - x[8]) = 9 + 0.1 * (10 - 9)
        double[] ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(9.1, Statistics.Percentile(ten, 0.9), 12);
        // h = (5 - 1) * 0.9 = 3.6 → 40 + 0.6 * (50 - 40)
        Assert.Equal(46.0, Statistics.Percentile([10.0, 20, 30, 40, 50], 0.9), 12);
    }

    [Fact]
    public void Percentile_ends_are_min_and_max_and_single_value_is_itself()
    {
        double[] x = [2, 4, 8];
        Assert.Equal(2.0, Statistics.Percentile(x, 0));
        Assert.Equal(8.0, Statistics.Percentile(x, 1));
        Assert.Equal(7.0, Statistics.Percentile([7.0], 0.9));
    }

    [Fact]
    public void Mean_and_sample_standard_deviation()
    {
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5.0, Statistics.Mean(x));
        // squared deviations sum to 32; sample variance 32 / 7
        Assert.Equal(Math.Sqrt(32.0 / 7), Statistics.StandardDeviation(x), 12);
        Assert.Equal(0.0, Statistics.StandardDeviation([3.0]));
    }

    [Fact]
    public void LatencyStats_sorts_unordered_samples()
    {
        var s = LatencyStats.From([5.0, 1, 4, 2, 3]);
        Assert.Equal(new LatencyStats(1, 3, 4.6, 3, Math.Sqrt(2.5), 5), s);
    }

    [Fact]
    public void Empty_samples_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LatencyStats.From([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.Percentile([1.0], 1.5));
    }
}
