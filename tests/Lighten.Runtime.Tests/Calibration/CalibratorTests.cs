using Lighten.Core;
using Lighten.Runtime.Calibration;

namespace Lighten.Runtime.Tests.Calibration;

public class CalibratorTests
{
    /// <summary>N(0, 1) samples plus a few outliers at ±40, fed in batches as calibration does.</summary>
    private static TensorStatistics GaussianWithOutliers(double mean = 0, bool relu = false)
    {
        var stats = new TensorStatistics("t");
        var random = new Random(3);
        for (int batch = 0; batch < 10; batch++)
        {
            var values = new float[20_000];
            for (int i = 0; i < values.Length; i++)
            {
                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                double g = mean + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                values[i] = (float)(relu ? Math.Max(g, 0) : g);
            }
            if (batch == 4) { values[0] = 40; values[1] = relu ? 0 : -40; }
            stats.Add(values, [values.Length]);
        }
        return stats;
    }

    [Fact]
    public void Minmax_is_the_exact_observed_range()
    {
        var stats = new TensorStatistics("t", histogramBins: 0);
        stats.Add([0.25f, -1.5f, 3.75f], [3]);
        stats.Add([2f, -0.5f], [2]);
        var range = Calibrator.For(CalibrationMethod.MinMax).Range(stats, ElementType.UInt8);
        Assert.Equal(-1.5f, range.Min);
        Assert.Equal(3.75f, range.Max);
    }

    [Fact]
    public void Percentile_cuts_the_outliers_near_the_gaussian_tail()
    {
        var range = Calibrator.For(CalibrationMethod.Percentile, 99.99).Range(GaussianWithOutliers(), ElementType.UInt8);
        // The 99.99th percentile of N(0, 1) is 3.72.
        Assert.InRange(range.Max, 3.3, 4.3);
        Assert.InRange(range.Min, -4.3, -3.3);
    }

    [Theory]
    [InlineData(CalibrationMethod.Entropy)]
    [InlineData(CalibrationMethod.Mse)]
    public void Entropy_and_mse_keep_the_bulk_and_clip_the_outliers(CalibrationMethod method)
    {
        // Between the Gaussian's bulk and the outliers at ±40: MSE weighs the two outliers by their squared error and
        // stops well above the bulk (about ±27 here), entropy much closer to it.
        var range = Calibrator.For(method).Range(GaussianWithOutliers(), ElementType.UInt8);
        Assert.InRange(range.Max, 2.5, 36);
        Assert.InRange(range.Min, -36, -2.5);
    }

    [Theory]
    [InlineData(CalibrationMethod.Percentile)]
    [InlineData(CalibrationMethod.Entropy)]
    [InlineData(CalibrationMethod.Mse)]
    public void A_relu_output_keeps_zero_as_its_lower_end(CalibrationMethod method)
    {
        var range = Calibrator.For(method).Range(GaussianWithOutliers(relu: true), ElementType.UInt8);
        Assert.InRange(range.Min, 0, 1e-3);
        Assert.InRange(range.Max, 2.5, 38);
    }

    [Theory]
    [InlineData(CalibrationMethod.Entropy)]
    [InlineData(CalibrationMethod.Mse)]
    [InlineData(CalibrationMethod.Percentile)]
    public void A_shifted_gaussian_keeps_its_asymmetric_bulk(CalibrationMethod method)
    {
        // N(3, 1): most of the range lies above 0, which a symmetric threshold would clip.
        var range = Calibrator.For(method).Range(GaussianWithOutliers(mean: 3), ElementType.UInt8);
        Assert.InRange(range.Max, 5, 38);
        Assert.True(range.Min <= 0.5, $"lower end {range.Min}");
    }

    [Fact]
    public void Method_names_parse_and_bad_ones_name_the_choices()
    {
        Assert.Equal(CalibrationMethod.Entropy, CalibrationMethods.Parse("Entropy"));
        Assert.Equal("mse", CalibrationMethod.Mse.Name());
        var e = Assert.Throws<OptionException>(() => CalibrationMethods.Parse("kl"));
        Assert.Contains("minmax, percentile, entropy, mse", e.Message);
        Assert.Throws<OptionException>(() => Calibrator.For(CalibrationMethod.Percentile, 20));
    }
}
