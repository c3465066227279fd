namespace Lighten.Runtime;

/// <summary>
/// A batch of preprocessed samples ready for inference: <see cref="Count"/> inputs laid out one after another
/// in <see cref="Data"/>, with the dataset index and per-sample context (<typeparamref name="TContext"/>) of each.
/// Buffers are recycled by <see cref="BatchStream"/>, so a consumer must not keep one after it returns.
/// </summary>
public sealed class PreparedBatch<TContext>
{
    internal PreparedBatch(int capacity, int sampleLength)
    {
        Data = new float[capacity * sampleLength];
        Indices = new int[capacity];
        Contexts = new TContext[capacity];
        SampleLength = sampleLength;
    }

    /// <summary>The inputs, sample after sample; its length fits a full batch.</summary>
    public float[] Data { get; }

    /// <summary>Floats per sample.</summary>
    public int SampleLength { get; }

    /// <summary>How many samples the batch holds (the last batch, or one with skipped samples, holds fewer).</summary>
    public int Count { get; internal set; }

    /// <summary>The dataset index of each sample.</summary>
    public int[] Indices { get; }

    /// <summary>What the preparation step returned for each sample (for example the crop transform of a pose sample).</summary>
    public TContext[] Contexts { get; }

    /// <summary>Sample <paramref name="i"/>'s slot in <see cref="Data"/>.</summary>
    public Span<float> Sample(int i) => Data.AsSpan(i * SampleLength, SampleLength);
}
