using Lighten.Data.Pose;
using SkiaSharp;

namespace Lighten.Training.Trainer;

/// <summary>
/// What a pose model sees of one person: the crop, the map from the image file's pixels to input pixels (with the
/// mirror when flipped), and the keypoints in the coordinates the crop is expressed in (mirrored when flipped), from
/// which the heatmap targets are drawn.
/// </summary>
/// <param name="Crop">The crop, in the (possibly mirrored) image's coordinates.</param>
/// <param name="ImageToInput">From the image file's pixels to input pixels.</param>
/// <param name="Keypoints">The keypoints in the crop's coordinates, left and right swapped when flipped.</param>
/// <param name="Flipped">Whether the view is mirrored.</param>
public sealed record PoseView(TopDownCrop Crop, SKMatrix ImageToInput, IReadOnlyList<Keypoint> Keypoints, bool Flipped);
