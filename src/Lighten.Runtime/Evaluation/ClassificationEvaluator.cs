using Lighten.Data;
using Lighten.Data.Classification;
using Lighten.Data.Imaging;
using Lighten.Data.Metrics;

namespace Lighten.Runtime;

/// <summary>Top-1 and top-5 accuracy of a classifier over labeled images; the model's first output holds one score per class.</summary>
internal static class ClassificationEvaluator
{
    public static EvaluationResult Run(ModelSession session, IReadOnlyList<ImageSample> samples, int classCount, Preprocess preprocess,
        EvaluationOptions options, CancellationToken cancellationToken)
    {
        if (samples.Count == 0) throw new DataException("the dataset has no images to evaluate");
        var accuracy = new ClassificationAccuracy();
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
                for (int i = 0; i < batch.Count; i++) accuracy.Add(output.Sample(i), batch.Contexts[i]);
            }, cancellationToken);
        if (accuracy.Count == 0) throw new DataException($"no image of the dataset could be read ({skipped} skipped)");
        var metrics = new[] { new Metric("top1", accuracy.Top1), new Metric("top5", accuracy.Top5) };
        return new EvaluationResult(session.Path, "classify", metrics[0], metrics, [], accuracy.Count, skipped, elapsed);
    }
}
