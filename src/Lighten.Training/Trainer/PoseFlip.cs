using Lighten.Data.Pose;

namespace Lighten.Training.Trainer;

/// <summary>Left-right mirroring of pose labels: positions mirrored across the image, left and right joints swapped.</summary>
public static class PoseFlip
{
    /// <summary>
    /// The joint pairs that swap under a flip: <see cref="MpiiJoints.FlipPairs"/> for MPII's joints, otherwise the
    /// names that differ only by an <c>l_</c>/<c>r_</c> or <c>left_</c>/<c>right_</c> prefix (COCO's names, for example).
    /// </summary>
    public static IReadOnlyList<(int Right, int Left)> PairsFor(IReadOnlyList<string> jointNames)
    {
        if (jointNames.SequenceEqual(MpiiJoints.Names)) return MpiiJoints.FlipPairs;
        var index = jointNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var pairs = new List<(int, int)>();
        foreach (var (name, right) in index)
            foreach (var (r, l) in new[] { ("r_", "l_"), ("right_", "left_") })
                if (name.StartsWith(r, StringComparison.Ordinal) && index.TryGetValue(l + name[r.Length..], out int left))
                    pairs.Add((right, left));
        return pairs;
    }

    /// <summary>The keypoints of the image mirrored left to right (x → width - x, pixels covering [i, i + 1)), with each pair's joints swapped.</summary>
    public static Keypoint[] Keypoints(IReadOnlyList<Keypoint> keypoints, float imageWidth, IReadOnlyList<(int Right, int Left)> pairs)
    {
        var flipped = keypoints.Select(k => k with { X = imageWidth - k.X }).ToArray();
        foreach (var (right, left) in pairs) (flipped[right], flipped[left]) = (flipped[left], flipped[right]);
        return flipped;
    }

    /// <summary>The box mirrored left to right in an image <paramref name="imageWidth"/> pixels wide.</summary>
    public static BoundingBox Box(BoundingBox box, float imageWidth) => box with { X = imageWidth - box.X - box.Width };
}
