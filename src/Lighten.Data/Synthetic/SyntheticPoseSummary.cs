namespace Lighten.Data.Synthetic;

/// <summary>What <see cref="SyntheticPose.Generate(string, SyntheticPoseOptions, IProgress{int}?, CancellationToken)"/> wrote.</summary>
/// <param name="Folder">The data set folder (full path), holding images/ and annotations.json.</param>
/// <param name="Images">Number of images written.</param>
/// <param name="VisibleJoints">Joints labeled visible (v=2) over all images.</param>
/// <param name="OccludedJoints">Joints labeled but covered by another part or an object (v=1).</param>
/// <param name="OutsideJoints">Joints outside the image (v=0).</param>
public sealed record SyntheticPoseSummary(string Folder, int Images, int VisibleJoints, int OccludedJoints, int OutsideJoints);
