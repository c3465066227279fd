namespace Lighten.Data.Pose;

/// <summary>
/// A labeled keypoint in image pixel coordinates, where pixel (i, j) covers [i, i+1) x [j, j+1) as in Skia drawing.
/// </summary>
/// <param name="X">Horizontal position in pixels.</param>
/// <param name="Y">Vertical position in pixels.</param>
/// <param name="Visibility">COCO visibility: 0 not labeled (e.g. outside the image), 1 labeled but occluded, 2 visible.</param>
public readonly record struct Keypoint(float X, float Y, int Visibility)
{
    /// <summary>Whether the keypoint is labeled (visibility above 0); only labeled keypoints count in targets and metrics.</summary>
    public bool IsLabeled => Visibility > 0;
}
