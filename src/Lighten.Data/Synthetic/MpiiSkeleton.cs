namespace Lighten.Data.Synthetic;

/// <summary>Indices of the 16 MPII joints (names in <see cref="Pose.MpiiJoints"/>) and the bones the COCO category lists.</summary>
internal static class MpiiSkeleton
{
    public const int RAnkle = 0, RKnee = 1, RHip = 2, LHip = 3, LKnee = 4, LAnkle = 5, Pelvis = 6, Thorax = 7,
        UpperNeck = 8, HeadTop = 9, RWrist = 10, RElbow = 11, RShoulder = 12, LShoulder = 13, LElbow = 14, LWrist = 15;

    /// <summary>Bones as 0-based joint pairs (COCO writes them 1-based).</summary>
    public static readonly (int A, int B)[] Bones =
    [
        (RAnkle, RKnee), (RKnee, RHip), (RHip, Pelvis), (LHip, Pelvis), (LHip, LKnee), (LKnee, LAnkle),
        (Pelvis, Thorax), (Thorax, UpperNeck), (UpperNeck, HeadTop),
        (RWrist, RElbow), (RElbow, RShoulder), (RShoulder, Thorax), (LShoulder, Thorax), (LShoulder, LElbow), (LElbow, LWrist),
    ];
}
