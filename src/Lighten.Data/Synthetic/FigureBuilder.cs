using System.Numerics;
using SkiaSharp;
using static Lighten.Data.Synthetic.MpiiSkeleton;

namespace Lighten.Data.Synthetic;

/// <summary>
/// Lays out one image's person: samples a posed body, its clothes and a view, places it (sometimes partly outside
/// the image), and turns its limbs into parts ordered far to near so that nearer limbs cover farther ones.
/// </summary>
internal static class FigureBuilder
{
    /// <summary>Fewest joints inside the image when the person is cut by the border on purpose.</summary>
    private const int MinJointsInside = 8;

    public static Figure Build(SyntheticPoseOptions options, int index)
    {
        var rng = SynthRandom.For(options.Seed, index, SynthRandom.Stream.Person);
        var body = PoseSampler.Sample(rng);
        var clothes = Clothing.Sample(rng);
        var camera = Camera.Sample(rng, options.BackViewProbability, options.Size);
        camera = camera with { Offset = Place(rng, camera, body, options) };

        var parts = new List<FigurePart>();
        AddBody(parts, body, clothes, camera, rng.Uniform(0.9, 1.1));
        var joints = body.Joints.Select(p => camera.Project(p).Point).ToArray();
        Occluders.Add(parts, joints, camera.Scale, SynthRandom.For(options.Seed, index, SynthRandom.Stream.Occluder), options.OccluderProbability);
        var ordered = parts.OrderBy(p => p.Depth).ThenBy(p => p.Id).ToList();
        return new Figure(joints, ordered, camera.Scale, Width(0.07f * body.Build, camera));
    }

    private static void AddBody(List<FigurePart> parts, Skeleton3D body, Clothing clothes, Camera camera, float headRatio)
    {
        var j = body.Joints;
        float build = body.Build;
        var torsoCorners = new[] { j[LShoulder], j[RShoulder], j[RHip], j[LHip] };
        float torsoDepth = torsoCorners.Average(p => camera.Project(p).Depth);
        parts.Add(new FigurePart(1, "torso", PartShape.Polygon, torsoCorners.Select(p => camera.Project(p).Point).ToArray(),
            Width(0.10f * build, camera), clothes.Shirt, torsoDepth, [Pelvis, Thorax, RHip, LHip, RShoulder, LShoulder]));

        float neckDepth = Math.Max(MeanDepth(camera, j[Thorax], j[UpperNeck]), torsoDepth + 1e-3f);
        parts.Add(Stroke(2, "neck", camera, j[Thorax], j[UpperNeck], 0.05f * build, clothes.Skin, [Thorax, UpperNeck]) with { Depth = neckDepth });
        parts.Add(Head(3, camera, body, clothes, headRatio, neckDepth + 1e-3f));

        foreach (var side in new[] { Side.Right, Side.Left })
        {
            var limb = LimbJoints.Of(side);
            int id = 10 + 10 * (int)side;
            string name = side == Side.Left ? "left " : "right ";
            SKColor Shaded(SKColor c) => clothes.OnSide(c, side);
            var fore = Stroke(id + 1, name + "forearm", camera, j[limb.Elbow], j[limb.Wrist], 0.048f * build, Shaded(clothes.Forearm), [limb.Elbow, limb.Wrist]);
            var shin = Stroke(id + 4, name + "shin", camera, j[limb.Knee], j[limb.Ankle], 0.068f * build, Shaded(clothes.Shin), [limb.Knee, limb.Ankle]);
            parts.Add(Stroke(id, name + "upper arm", camera, j[limb.Shoulder], j[limb.Elbow], 0.06f * build, Shaded(clothes.UpperArm), [limb.Shoulder, limb.Elbow]));
            parts.Add(fore);
            var hand = Stroke(id + 2, name + "hand", camera, j[limb.Wrist], body.HandEnds[(int)side], 0.042f * build, Shaded(clothes.Skin), [limb.Wrist]);
            parts.Add(hand with { Depth = Math.Max(hand.Depth, fore.Depth + 1e-3f) });
            parts.Add(Stroke(id + 3, name + "thigh", camera, j[limb.Hip], j[limb.Knee], 0.09f * build, Shaded(clothes.Trousers), [limb.Hip, limb.Knee]));
            parts.Add(shin);
            var foot = Stroke(id + 5, name + "foot", camera, j[limb.Ankle], body.Toes[(int)side], 0.045f * build, Shaded(clothes.Shoes), [limb.Ankle]);
            parts.Add(foot with { Depth = Math.Min(foot.Depth, shin.Depth - 1e-3f) });
        }
    }

    /// <summary>The head ellipse spans upper neck to head top with a small margin, so both joints lie inside it.</summary>
    private static FigurePart Head(int id, Camera camera, Skeleton3D body, Clothing clothes, float headRatio, float minDepth)
    {
        var (neck, neckDepth) = camera.Project(body.Joints[UpperNeck]);
        var (top, topDepth) = camera.Project(body.Joints[HeadTop]);
        var axis = top - neck;
        float rx = Math.Max(2f, 0.0525f * headRatio * camera.Scale);
        float ry = Math.Max(axis.Length / 2 + Math.Max(1.5f, 0.1f * rx), 0.8f * rx);
        float angle = MathF.Atan2(axis.X, -axis.Y);
        var (fx, fy, fz) = camera.Rotate(body.Face);
        float sideways = fx * MathF.Cos(angle) + fy * MathF.Sin(angle);
        var look = new HeadLook(new SKPoint((neck.X + top.X) / 2, (neck.Y + top.Y) / 2), rx, ry, angle * 180f / MathF.PI,
            clothes.Hair, 0.35f + 0.45f * Math.Max(0f, -fz), Math.Abs(sideways) > 0.35f ? -Math.Sign(sideways) : 0, -axis.Length / 2);
        return new FigurePart(id, "head", PartShape.Head, [neck, top], 2 * rx, clothes.Skin, Math.Max((neckDepth + topDepth) / 2, minDepth), [UpperNeck, HeadTop])
        {
            Head = look,
        };
    }

    private static FigurePart Stroke(int id, string name, Camera camera, Vector3 a, Vector3 b, float width, SKColor color, int[] joints)
    {
        var (pa, da) = camera.Project(a);
        var (pb, db) = camera.Project(b);
        return new FigurePart(id, name, PartShape.Stroke, [pa, pb], Width(width, camera), color, (da + db) / 2, joints);
    }

    private static float MeanDepth(Camera camera, Vector3 a, Vector3 b) => (camera.Project(a).Depth + camera.Project(b).Depth) / 2;

    /// <summary>Limb width in pixels; at least 3 so that a joint's pixel is always covered by its limb.</summary>
    private static float Width(float bodyUnits, Camera camera) => Math.Max(3f, bodyUnits * camera.Scale);

    /// <summary>
    /// The offset that puts the person in the image: anywhere it fits, or, with the truncation probability,
    /// pushed over one border by 10–45 % of its extent while keeping at least <see cref="MinJointsInside"/> joints inside.
    /// </summary>
    private static SKPoint Place(Random rng, Camera camera, Skeleton3D body, SyntheticPoseOptions options)
    {
        var points = body.Joints.Concat(body.HandEnds).Concat(body.Toes).Select(p => camera.Project(p).Point).ToArray();
        float pad = 0.06f * camera.Scale;
        var bounds = new SKRect(points.Min(p => p.X) - pad, points.Min(p => p.Y) - pad, points.Max(p => p.X) + pad, points.Max(p => p.Y) + pad);
        int size = options.Size;
        var offset = new SKPoint(Fit(rng, bounds.Left, bounds.Right, size), Fit(rng, bounds.Top, bounds.Bottom, size));
        if (!rng.Chance(options.TruncationProbability)) return offset;

        int border = rng.Next(4);
        float fraction = rng.Uniform(0.1, 0.45);
        for (int attempt = 0; attempt < 10; attempt++, fraction *= 0.7f)
        {
            var cut = border switch
            {
                0 => offset with { X = -bounds.Left - fraction * bounds.Width },
                1 => offset with { X = size - bounds.Right + fraction * bounds.Width },
                2 => offset with { Y = -bounds.Top - fraction * bounds.Height },
                _ => offset with { Y = size - bounds.Bottom + fraction * bounds.Height },
            };
            int inside = body.Joints.Count(p => Inside(camera.Project(p).Point + cut, size));
            if (inside >= MinJointsInside) return cut;
        }
        return offset;
    }

    /// <summary>An offset along one axis that keeps [min, max] inside [0, size) when it fits, else centers it with some jitter.</summary>
    private static float Fit(Random rng, float min, float max, int size)
    {
        float extent = max - min;
        if (extent <= size - 2) return rng.Uniform(1 - min, size - 1 - max);
        float slack = (extent - size) / 2;
        return (size - extent) / 2 - min + rng.Uniform(-slack, slack);
    }

    public static bool Inside(SKPoint p, int size) => p.X >= 0 && p.X < size && p.Y >= 0 && p.Y < size;
}
