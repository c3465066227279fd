using Lighten.Data.Pose;

namespace Lighten.Data.Metrics;

/// <summary>One detected person for OKS AP: its image, confidence and keypoints in image coordinates.</summary>
/// <param name="ImageId">The image the person was found in.</param>
/// <param name="Score">Detection confidence; detections are ranked by it.</param>
/// <param name="Keypoints">Predicted keypoints in the dataset's keypoint order.</param>
public sealed record PoseDetection(long ImageId, float Score, IReadOnlyList<PredictedKeypoint> Keypoints)
{
    /// <summary>A detection scored by the mean keypoint score, as top-down evaluation on ground-truth boxes does.</summary>
    public static PoseDetection FromKeypoints(long imageId, IReadOnlyList<PredictedKeypoint> keypoints) =>
        new(imageId, keypoints.Count == 0 ? 0 : keypoints.Average(k => k.Score), keypoints);
}
