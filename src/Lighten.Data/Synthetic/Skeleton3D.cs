using System.Numerics;
using Lighten.Data.Pose;

namespace Lighten.Data.Synthetic;

/// <summary>
/// A posed body in its own frame: X to the person's left, Y up, Z forward (out of the chest), pelvis at the origin,
/// lengths in units of body height.
/// </summary>
internal sealed class Skeleton3D
{
    /// <summary>The 16 MPII joints.</summary>
    public Vector3[] Joints { get; } = new Vector3[MpiiJoints.Count];

    /// <summary>Finger tips, indexed by <see cref="Side"/>.</summary>
    public Vector3[] HandEnds { get; } = new Vector3[2];

    /// <summary>Toes, indexed by <see cref="Side"/>.</summary>
    public Vector3[] Toes { get; } = new Vector3[2];

    /// <summary>The direction the face looks.</summary>
    public Vector3 Face { get; set; }

    /// <summary>Thickness multiplier of every limb (slim 0.75 … broad 1.35).</summary>
    public float Build { get; set; }
}

/// <summary>The person's own side.</summary>
internal enum Side { Right = 0, Left = 1 }

/// <summary>MPII joint indices of one side's limbs.</summary>
internal readonly record struct LimbJoints(int Shoulder, int Elbow, int Wrist, int Hip, int Knee, int Ankle)
{
    public static LimbJoints Of(Side side) => side == Side.Right
        ? new(MpiiSkeleton.RShoulder, MpiiSkeleton.RElbow, MpiiSkeleton.RWrist, MpiiSkeleton.RHip, MpiiSkeleton.RKnee, MpiiSkeleton.RAnkle)
        : new(MpiiSkeleton.LShoulder, MpiiSkeleton.LElbow, MpiiSkeleton.LWrist, MpiiSkeleton.LHip, MpiiSkeleton.LKnee, MpiiSkeleton.LAnkle);
}
