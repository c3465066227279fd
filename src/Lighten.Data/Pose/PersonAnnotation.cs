namespace Lighten.Data.Pose;

/// <summary>One annotated person of a COCO person-keypoints file.</summary>
/// <param name="Id">Annotation id.</param>
/// <param name="ImageId">Id of the image the person is in.</param>
/// <param name="Box">Person box.</param>
/// <param name="Area">Segment area used by OKS (the box area when the file gives none).</param>
/// <param name="IsCrowd">COCO crowd flag; crowd annotations are ignored by OKS AP.</param>
/// <param name="Keypoints">Keypoints in the order of the category's keypoint names.</param>
/// <param name="HeadBox">Optional head box, the PCKh normalizer.</param>
public sealed record PersonAnnotation(
    long Id, long ImageId, BoundingBox Box, double Area, bool IsCrowd, IReadOnlyList<Keypoint> Keypoints, BoundingBox? HeadBox = null)
{
    /// <summary>Number of labeled keypoints (visibility above 0), COCO's <c>num_keypoints</c>.</summary>
    public int LabeledCount => Keypoints.Count(k => k.IsLabeled);
}
