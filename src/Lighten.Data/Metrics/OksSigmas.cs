namespace Lighten.Data.Metrics;

/// <summary>Per-keypoint OKS falloff constants (COCO's sigmas: the spread of human annotators relative to object scale).</summary>
public static class OksSigmas
{
    /// <summary>COCO's 17 sigmas: nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles (left, right).</summary>
    public static readonly IReadOnlyList<float> Coco17 =
        [.026f, .025f, .025f, .035f, .035f, .079f, .079f, .072f, .072f, .062f, .062f, .107f, .107f, .087f, .087f, .089f, .089f];

    /// <summary>
    /// Sigmas for the 16 MPII joints, mapped from COCO's: ankles .089, knees .087, hips .107, shoulders .079,
    /// elbows .072, wrists .062 (the same joints); pelvis and thorax .107 (torso points placed like hips);
    /// upper neck and head top .087 (no COCO counterpart; a mid-range value, since COCO's face points at .025-.035
    /// would judge these less well-defined points far more strictly than the limbs).
    /// </summary>
    public static readonly IReadOnlyList<float> Mpii16 =
    [
        .089f, .087f, .107f, .107f, .087f, .089f,   // r_ankle, r_knee, r_hip, l_hip, l_knee, l_ankle
        .107f, .107f, .087f, .087f,                 // pelvis, thorax, upper_neck, head_top
        .062f, .072f, .079f, .079f, .072f, .062f,   // r_wrist, r_elbow, r_shoulder, l_shoulder, l_elbow, l_wrist
    ];

    /// <summary>The sigmas for a keypoint count: 16 (MPII) or 17 (COCO).</summary>
    /// <exception cref="DataException">Any other count: OKS needs explicit sigmas.</exception>
    public static IReadOnlyList<float> For(int keypointCount) => keypointCount switch
    {
        16 => Mpii16,
        17 => Coco17,
        _ => throw new DataException($"no OKS sigmas for {keypointCount} keypoints (known: 16 MPII, 17 COCO)"),
    };
}
