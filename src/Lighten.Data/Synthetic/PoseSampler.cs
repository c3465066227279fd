using System.Numerics;

namespace Lighten.Data.Synthetic;

/// <summary>
/// Samples a body from joint-angle ranges over a kinematic tree: pelvis → hips → knees → ankles,
/// pelvis → spine → thorax → neck → head, thorax → shoulders → elbows → wrists.
/// The ranges mix rest poses with raised arms, bent knees, crouching and bending forward.
/// </summary>
internal static class PoseSampler
{
    public static Skeleton3D Sample(Random rng)
    {
        var body = new Skeleton3D { Build = rng.Uniform(0.75, 1.35) };
        float Length(double nominal) => (float)nominal * rng.Uniform(0.9, 1.1);
        float torso = Length(0.29), neck = Length(0.07), head = Length(0.13), shoulderHalf = Length(0.115), hipHalf = Length(0.085);
        float upperArm = Length(0.175), forearm = Length(0.15), hand = Length(0.07);
        float thigh = Length(0.245), shin = Length(0.245), foot = Length(0.09);

        float lean = rng.Chance(0.7) ? rng.Degrees(-10, 20) : rng.Degrees(15, 55);
        float sideBend = rng.Degrees(-15, 15);
        var spine = Vector3.Normalize(new Vector3(MathF.Sin(sideBend), MathF.Cos(sideBend) * MathF.Cos(lean), MathF.Cos(sideBend) * MathF.Sin(lean)));
        var shoulderAxis = Orthogonal(Vector3.Transform(Vector3.UnitX, Quaternion.CreateFromAxisAngle(spine, rng.Degrees(-25, 25))), spine);
        var chest = Vector3.Normalize(Vector3.Cross(shoulderAxis, spine));

        var j = body.Joints;
        j[MpiiSkeleton.Pelvis] = Vector3.Zero;
        j[MpiiSkeleton.Thorax] = torso * spine;
        var neckDir = Tilt(Tilt(spine, chest, rng.Degrees(-15, 30)), shoulderAxis, rng.Degrees(-15, 15));
        j[MpiiSkeleton.UpperNeck] = j[MpiiSkeleton.Thorax] + neck * neckDir;
        var headDir = Tilt(Tilt(neckDir, chest, rng.Degrees(-25, 35)), shoulderAxis, rng.Degrees(-20, 20));
        j[MpiiSkeleton.HeadTop] = j[MpiiSkeleton.UpperNeck] + head * headDir;
        body.Face = Vector3.Transform(Orthogonal(chest, headDir), Quaternion.CreateFromAxisAngle(headDir, rng.Degrees(-50, 50)));

        foreach (var side in new[] { Side.Right, Side.Left })
        {
            var limb = LimbJoints.Of(side);
            float sign = side == Side.Left ? 1f : -1f;
            var lateral = sign * shoulderAxis;

            j[limb.Shoulder] = j[MpiiSkeleton.Thorax] + shoulderHalf * lateral - 0.02f * spine;
            float elevation = rng.Pick(0.4, 0.35, 0.25) switch { 0 => rng.Degrees(0, 40), 1 => rng.Degrees(30, 100), _ => rng.Degrees(90, 175) };
            float azimuth = rng.Degrees(-40, 140);
            var upper = MathF.Cos(elevation) * -spine + MathF.Sin(elevation) * (MathF.Cos(azimuth) * lateral + MathF.Sin(azimuth) * chest);
            j[limb.Elbow] = j[limb.Shoulder] + upperArm * upper;
            float elbowFlex = rng.Chance(0.4) ? rng.Degrees(0, 30) : rng.Degrees(30, 145);
            var bend = Vector3.Transform(Orthogonal(chest, upper, spine), Quaternion.CreateFromAxisAngle(upper, rng.Degrees(-90, 90)));
            var fore = Tilt(upper, bend, elbowFlex);
            j[limb.Wrist] = j[limb.Elbow] + forearm * fore;
            body.HandEnds[(int)side] = j[limb.Wrist] + hand * Tilt(fore, bend, rng.Degrees(0, 40));

            j[limb.Hip] = hipHalf * sign * Vector3.UnitX;
            float hipFlex = rng.Pick(0.55, 0.3, 0.15) switch { 0 => rng.Degrees(-15, 25), 1 => rng.Degrees(-35, 60), _ => rng.Degrees(60, 110) };
            float abduction = rng.Chance(0.8) ? rng.Degrees(-8, 15) : rng.Degrees(15, 40);
            var thighDir = Tilt(Tilt(-Vector3.UnitY, Vector3.UnitZ, hipFlex), sign * Vector3.UnitX, abduction);
            j[limb.Knee] = j[limb.Hip] + thigh * thighDir;
            float kneeFlex = rng.Pick(0.5, 0.35, 0.15) switch { 0 => rng.Degrees(0, 20), 1 => rng.Degrees(20, 90), _ => rng.Degrees(90, 150) };
            var back = Vector3.Transform(Orthogonal(-Vector3.UnitZ, thighDir, Vector3.UnitY), Quaternion.CreateFromAxisAngle(thighDir, rng.Degrees(-20, 20)));
            var shinDir = Tilt(thighDir, back, kneeFlex);
            j[limb.Ankle] = j[limb.Knee] + shin * shinDir;
            body.Toes[(int)side] = j[limb.Ankle] + foot * Tilt(Orthogonal(Vector3.UnitZ, shinDir, -thighDir), shinDir, rng.Degrees(0, 25));
        }
        return body;
    }

    /// <summary>Turns <paramref name="v"/> by <paramref name="angle"/> radians toward <paramref name="toward"/>.</summary>
    private static Vector3 Tilt(Vector3 v, Vector3 toward, float angle) =>
        Vector3.Normalize(MathF.Cos(angle) * v + MathF.Sin(angle) * Orthogonal(toward, v));

    /// <summary>The unit part of <paramref name="t"/> orthogonal to <paramref name="v"/>, or of the fallback when t is (nearly) parallel to v.</summary>
    private static Vector3 Orthogonal(Vector3 t, Vector3 v, Vector3? fallback = null)
    {
        var o = t - Vector3.Dot(t, v) * v;
        if (o.Length() > 1e-3f) return Vector3.Normalize(o);
        var f = fallback ?? Vector3.UnitY;
        o = f - Vector3.Dot(f, v) * v;
        return o.Length() > 1e-3f ? Vector3.Normalize(o) : Vector3.Normalize(Vector3.Cross(v, Vector3.UnitX + 0.5f * Vector3.UnitZ));
    }
}
