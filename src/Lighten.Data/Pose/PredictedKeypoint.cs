namespace Lighten.Data.Pose;

/// <summary>A keypoint predicted by a model, in image pixel coordinates (the convention of <see cref="Keypoint"/>).</summary>
/// <param name="X">Horizontal position in pixels.</param>
/// <param name="Y">Vertical position in pixels.</param>
/// <param name="Score">Confidence, the heatmap maximum for decoded heatmaps.</param>
public readonly record struct PredictedKeypoint(float X, float Y, float Score);
