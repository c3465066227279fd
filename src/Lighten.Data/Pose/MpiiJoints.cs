namespace Lighten.Data.Pose;

/// <summary>The 16 MPII joints in their standard order, as used by Lighten's pose data.</summary>
public static class MpiiJoints
{
    /// <summary>Number of joints.</summary>
    public const int Count = 16;

    /// <summary>Joint names by index: 0 r_ankle ... 15 l_wrist.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "r_ankle", "r_knee", "r_hip", "l_hip", "l_knee", "l_ankle", "pelvis", "thorax",
        "upper_neck", "head_top", "r_wrist", "r_elbow", "r_shoulder", "l_shoulder", "l_elbow", "l_wrist",
    ];

    /// <summary>Left/right joints that swap under a horizontal flip.</summary>
    public static readonly IReadOnlyList<(int Right, int Left)> FlipPairs = [(0, 5), (1, 4), (2, 3), (10, 15), (11, 14), (12, 13)];
}
