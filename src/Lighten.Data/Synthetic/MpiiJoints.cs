namespace Lighten.Data.Synthetic;

/// <summary>The 16 MPII joints in their dataset order, with the skeleton the COCO category lists.</summary>
internal static class MpiiJoints
{
    public const int Count = 16;
    public const int RAnkle = 0, RKnee = 1, RHip = 2, LHip = 3, LKnee = 4, LAnkle = 5, Pelvis = 6, Thorax = 7,
        UpperNeck = 8, HeadTop = 9, RWrist = 10, RElbow = 11, RShoulder = 12, LShoulder = 13, LElbow = 14, LWrist = 15;

    public static readonly string[] Names =
    [
        "r_ankle", "r_knee", "r_hip", "l_hip", "l_knee", "l_ankle", "pelvis", "thorax",
        "upper_neck", "head_top", "r_wrist", "r_elbow", "r_shoulder", "l_shoulder", "l_elbow", "l_wrist",
    ];

    /// <summary>Bones as 0-based joint pairs (COCO writes them 1-based).</summary>
    public static readonly (int A, int B)[] Skeleton =
    [
        (RAnkle, RKnee), (RKnee, RHip), (RHip, Pelvis), (LHip, Pelvis), (LHip, LKnee), (LKnee, LAnkle),
        (Pelvis, Thorax), (Thorax, UpperNeck), (UpperNeck, HeadTop),
        (RWrist, RElbow), (RElbow, RShoulder), (RShoulder, Thorax), (LShoulder, Thorax), (LShoulder, LElbow), (LElbow, LWrist),
    ];
}
