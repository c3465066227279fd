namespace Lighten.Runtime.Calibration;

/// <summary>
/// What calibration remembers of one activation tensor over every batch, in memory that does not grow with the
/// number of batches: the exact running minimum and maximum, optionally a <see cref="Calibration.Histogram"/>, and
/// optionally the mean of each channel (axis 1, for bias correction).
/// </summary>
public sealed class TensorStatistics
{
    private double[]? channelSums;
    private long channelCount;

    /// <summary>Creates empty statistics.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <param name="histogramBins">Bins of the histogram, or 0 for minimum and maximum only.</param>
    /// <param name="channelMeans">Whether to accumulate the mean of each channel.</param>
    public TensorStatistics(string name, int histogramBins = Histogram.DefaultBins, bool channelMeans = false)
    {
        Name = name;
        Histogram = histogramBins > 0 ? new Histogram(histogramBins) : null;
        TracksChannelMeans = channelMeans;
    }

    /// <summary>The tensor's name.</summary>
    public string Name { get; }

    /// <summary>The smallest finite value seen (+∞ before any).</summary>
    public float Min { get; private set; } = float.PositiveInfinity;

    /// <summary>The largest finite value seen (−∞ before any).</summary>
    public float Max { get; private set; } = float.NegativeInfinity;

    /// <summary>Values seen.</summary>
    public long Count { get; private set; }

    /// <summary>The histogram of the values, when kept.</summary>
    public Histogram? Histogram { get; }

    /// <summary>Whether per-channel means are accumulated.</summary>
    public bool TracksChannelMeans { get; }

    /// <summary>The mean of each channel (axis 1 of an N×C×... tensor), or null when not tracked or nothing was seen.</summary>
    public double[]? ChannelMeans => channelSums is null || channelCount == 0 ? null : [.. channelSums.Select(s => s / channelCount)];

    /// <summary>Adds one batch of values of the given shape.</summary>
    public void Add(ReadOnlySpan<float> values, ReadOnlySpan<long> shape)
    {
        if (values.IsEmpty) return;
        var (min, max) = RangeScan.MinMax(values);
        if (min <= max)
        {
            Min = Math.Min(Min, min);
            Max = Math.Max(Max, max);
        }
        Count += values.Length;
        Histogram?.Add(values, min, max);
        if (TracksChannelMeans && shape.Length >= 2) AddChannels(values, shape);
    }

    private void AddChannels(ReadOnlySpan<float> values, ReadOnlySpan<long> shape)
    {
        int channels = (int)shape[1];
        long inner = values.Length / (shape[0] * channels);
        channelSums ??= new double[channels];
        if (channelSums.Length != channels) return;
        for (long n = 0; n < shape[0]; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                double sum = 0;
                foreach (var v in values.Slice((int)((n * channels + c) * inner), (int)inner)) sum += v;
                channelSums[c] += sum;
            }
        }
        channelCount += shape[0] * inner;
    }
}
