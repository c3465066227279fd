using SkiaSharp;
using Lighten.Data.Pose;

namespace Lighten.Data.Synthetic;

/// <summary>
/// The labels of one image. <see cref="Joints"/> are the true positions, also for joints outside the image;
/// <see cref="Visibility"/>: 0 outside the image, 1 covered by another part or an object, 2 visible.
/// <see cref="Box"/> bounds the person's pixels and every labeled joint; <see cref="HeadBox"/> bounds the head ellipse.
/// </summary>
internal sealed record PoseLabel(SKPoint[] Joints, int[] Visibility, SKRect Box, SKRect HeadBox)
{
    /// <summary>Labels a figure from its part map: a joint is visible when the topmost part at its pixel lies on it.</summary>
    public static PoseLabel Of(Figure figure, byte[] partMap, int size)
    {
        var owners = new List<int>[MpiiJoints.Count];
        for (int j = 0; j < owners.Length; j++) owners[j] = [];
        foreach (var part in figure.Parts)
            foreach (int j in part.Joints) owners[j].Add(part.Id);

        var visibility = new int[MpiiJoints.Count];
        int minX = size, minY = size, maxX = -1, maxY = -1;
        void Include(int x, int y)
        {
            minX = Math.Min(minX, x);
            minY = Math.Min(minY, y);
            maxX = Math.Max(maxX, x);
            maxY = Math.Max(maxY, y);
        }

        for (int j = 0; j < visibility.Length; j++)
        {
            var p = figure.Joints[j];
            if (!FigureBuilder.Inside(p, size)) continue;
            int x = (int)p.X, y = (int)p.Y, top = partMap[y * size + x];
            visibility[j] = top == 0 || owners[j].Contains(top) ? 2 : 1;
            Include(x, y);
        }
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                int id = partMap[y * size + x];
                if (id != 0 && id < FigurePart.FirstOccluderId) Include(x, y);
            }

        var head = figure.Parts.Single(p => p.Shape == PartShape.Head).Head!;
        return new PoseLabel(figure.Joints, visibility, new SKRect(minX, minY, maxX + 1, maxY + 1), HeadBounds(head));
    }

    /// <summary>The axis-aligned bounds of the rotated head ellipse.</summary>
    private static SKRect HeadBounds(HeadLook head)
    {
        float a = head.AngleDegrees * MathF.PI / 180f;
        float halfW = MathF.Sqrt(Sq(head.RadiusX * MathF.Cos(a)) + Sq(head.RadiusY * MathF.Sin(a)));
        float halfH = MathF.Sqrt(Sq(head.RadiusX * MathF.Sin(a)) + Sq(head.RadiusY * MathF.Cos(a)));
        return new SKRect(head.Center.X - halfW, head.Center.Y - halfH, head.Center.X + halfW, head.Center.Y + halfH);
    }

    private static float Sq(float v) => v * v;
}
