using Lighten.Data.Classification;
using Lighten.Data.Imaging;
using Lighten.Data.Pose;

namespace Lighten.Runtime;

/// <summary>
/// Streams a dataset through a model in ONNX Runtime and computes the task's metric. Images are decoded and
/// preprocessed on worker threads while inference runs, through a bounded queue of batches, so memory stays
/// flat whatever the dataset's size.
/// </summary>
public static class Evaluator
{
    /// <summary>A preprocessing spec sized to the model's input (default normalization), or null when its height or width is symbolic.</summary>
    public static Preprocess? DefaultPreprocess(ModelSession session) => InferenceStream.DefaultPreprocess(session);

    /// <summary>Top-1 (primary) and top-5 accuracy of a classifier over <paramref name="samples"/>.</summary>
    /// <exception cref="Lighten.Data.DataException">No samples, an unreadable image (unless skipped), or an input shape that disagrees with <paramref name="preprocess"/>.</exception>
    public static EvaluationResult Classify(ModelSession session, IReadOnlyList<ImageSample> samples, int classCount, Preprocess preprocess,
        EvaluationOptions? options = null, CancellationToken cancellationToken = default) =>
        ClassificationEvaluator.Run(session, samples, classCount, preprocess, options ?? new EvaluationOptions(), cancellationToken);

    /// <summary>Classification accuracy over an ImageFolder dataset's validation images (see <see cref="Classify(ModelSession, IReadOnlyList{ImageSample}, int, Preprocess, EvaluationOptions?, CancellationToken)"/>).</summary>
    public static EvaluationResult Classify(ModelSession session, ImageFolderDataset dataset, Preprocess preprocess,
        EvaluationOptions? options = null, CancellationToken cancellationToken = default) =>
        Classify(session, dataset.Validation, dataset.Classes.Count, preprocess, options, cancellationToken);

    /// <summary>
    /// Keypoint accuracy of a top-down pose model over a COCO person-keypoints dataset: PCKh@0.5 when every person has a
    /// head box (PCK@0.2 of the box size otherwise) as the primary metric, per joint, and COCO OKS AP.
    /// </summary>
    /// <exception cref="Lighten.Data.DataException">No annotations, an unreadable image (unless skipped), an input shape that disagrees with
    /// <paramref name="preprocess"/>, or heatmaps that do not match the dataset's joints.</exception>
    public static EvaluationResult Pose(ModelSession session, CocoKeypointsDataset dataset, Preprocess preprocess,
        EvaluationOptions? options = null, CancellationToken cancellationToken = default) =>
        PoseEvaluator.Run(session, dataset, preprocess, options ?? new EvaluationOptions(), cancellationToken);
}
