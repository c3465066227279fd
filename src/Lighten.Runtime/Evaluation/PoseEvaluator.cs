using Lighten.Data;
using Lighten.Data.Imaging;
using Lighten.Data.Pose;

namespace Lighten.Runtime;

/// <summary>
/// Keypoint accuracy of a top-down pose model: each annotated person is cropped from its box, the model's first output
/// holds one heatmap per joint, decoded back to image coordinates and scored against the labels.
/// </summary>
internal static class PoseEvaluator
{
    public static EvaluationResult Run(ModelSession session, CocoKeypointsDataset dataset, Preprocess preprocess,
        EvaluationOptions options, CancellationToken cancellationToken)
    {
        var annotations = dataset.Annotations;
        if (annotations.Count == 0) throw new DataException("the dataset has no annotations to evaluate", dataset.File);
        int joints = dataset.KeypointNames.Count;
        var predictions = new PredictedKeypoint[annotations.Count][];
        var (skipped, elapsed) = InferenceStream.Run(session, preprocess, annotations.Count, options,
            (i, tensor) =>
            {
                var crop = TopDownCrop.FromBox(annotations[i].Box, preprocess.Width, preprocess.Height);
                using var image = ImageLoader.Load(dataset.ImagePath(dataset.ImageOf(annotations[i])));
                preprocess.WriteTensor(image, crop.ImageToInput, tensor);
                return crop;
            },
            (batch, output) =>
            {
                if (output.Shape is not [_, var j, var h, var w] || j != joints)
                    throw new DataException($"a pose model outputs Nx{joints}xHxW heatmaps for the dataset's {joints} joints, this one outputs {string.Join("x", output.Shape)}", session.Path);
                for (int i = 0; i < batch.Count; i++)
                    predictions[batch.Indices[i]] = HeatmapDecoder.Decode(output.Sample(i), joints, (int)w, (int)h, batch.Contexts[i]);
            }, cancellationToken);

        var evaluated = Enumerable.Range(0, annotations.Count).Where(i => predictions[i] is not null).ToArray();
        if (evaluated.Length == 0) throw new DataException($"no image of the dataset could be read ({skipped} skipped)", dataset.File);
        var (primary, metrics, perJoint) = PoseScores.Compute(dataset, [.. evaluated.Select(i => annotations[i])], [.. evaluated.Select(i => predictions[i])]);
        return new EvaluationResult(session.Path, "pose", primary, metrics, perJoint, evaluated.Length, skipped, elapsed);
    }
}
