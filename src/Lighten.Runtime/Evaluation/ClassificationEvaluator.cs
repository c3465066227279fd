using Lighten.Data;
using Lighten.Data.Classification;
using Lighten.Data.Imaging;

namespace Lighten.Runtime;

/// <summary>Top-1 and top-5 accuracy of a classifier over labeled images; the model's first output holds one score per class.</summary>
internal static class ClassificationEvaluator
{
    public static EvaluationResult Run(ModelSession session, IReadOnlyList<ImageSample> samples, int classCount, Preprocess preprocess,
        EvaluationOptions options, CancellationToken cancellationToken)
    {
        if (samples.Count == 0) throw new DataException("the dataset has no images to evaluate");
        int top1 = 0, top5 = 0, evaluated = 0;
        var (skipped, elapsed) = InferenceStream.Run(session, preprocess, samples.Count, options,
            (i, tensor) =>
            {
                using var image = ImageLoader.Load(samples[i].Path);
                preprocess.WriteTensor(image, tensor);
                return samples[i].Label;
            },
            (batch, output) =>
            {
                if (output.SampleLength < classCount)
                    throw new DataException($"the dataset has {classCount} classes but the model outputs {output.SampleLength} scores per image", session.Path);
                for (int i = 0; i < batch.Count; i++)
                {
                    int rank = Rank(output.Sample(i), batch.Contexts[i]);
                    if (rank < 1) top1++;
                    if (rank < 5) top5++;
                }
                evaluated += batch.Count;
            }, cancellationToken);
        if (evaluated == 0) throw new DataException($"no image of the dataset could be read ({skipped} skipped)");
        var metrics = new[] { new Metric("top1", (double)top1 / evaluated), new Metric("top5", (double)top5 / evaluated) };
        return new EvaluationResult(session.Path, "classify", metrics[0], metrics, [], evaluated, skipped, elapsed);
    }

    /// <summary>
    /// How many classes rank before <paramref name="label"/>: those with a higher score, and those with an equal score
    /// and a lower index (so that a constant output is not counted as right). A NaN score ranks last.
    /// </summary>
    internal static int Rank(ReadOnlySpan<float> scores, int label)
    {
        float target = scores[label];
        if (float.IsNaN(target)) return scores.Length;
        int rank = 0;
        for (int c = 0; c < scores.Length; c++)
        {
            if (scores[c] > target || (c < label && scores[c] == target)) rank++;
        }
        return rank;
    }
}
