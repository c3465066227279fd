namespace Lighten.Data.Metrics;

/// <summary>Accumulates top-1 and top-5 accuracy over classified samples (not thread-safe).</summary>
public sealed class ClassificationAccuracy
{
    /// <summary>Samples added.</summary>
    public int Count { get; private set; }

    /// <summary>Samples whose label scored highest.</summary>
    public int Top1Correct { get; private set; }

    /// <summary>Samples whose label was among the five highest scores.</summary>
    public int Top5Correct { get; private set; }

    /// <summary>Top-1 accuracy in [0, 1] (0 before any sample).</summary>
    public double Top1 => Count == 0 ? 0 : (double)Top1Correct / Count;

    /// <summary>Top-5 accuracy in [0, 1] (0 before any sample).</summary>
    public double Top5 => Count == 0 ? 0 : (double)Top5Correct / Count;

    /// <summary>Adds one sample: the model's class scores (logits or probabilities) and the true label.</summary>
    public void Add(ReadOnlySpan<float> scores, int label)
    {
        int rank = Rank(scores, label);
        Count++;
        if (rank < 1) Top1Correct++;
        if (rank < 5) Top5Correct++;
    }

    /// <summary>
    /// The label's position when classes are sorted by score, highest first (0 = top-1). Ties are broken by
    /// class index, as argmax does, so a model that outputs a constant is not credited with every class;
    /// a NaN label score ranks last.
    /// </summary>
    public static int Rank(ReadOnlySpan<float> scores, int label)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, scores.Length);
        float own = scores[label];
        if (float.IsNaN(own)) return scores.Length;
        int higher = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i] > own || (scores[i] == own && i < label)) higher++;
        }
        return higher;
    }

    /// <summary>Whether <paramref name="label"/> is among the <paramref name="k"/> highest scores.</summary>
    public static bool IsInTopK(ReadOnlySpan<float> scores, int label, int k) => Rank(scores, label) < k;
}
