using SkiaSharp;

namespace Lighten.Data.Synthetic;

/// <summary>Objects in front of the person (a bar, a box): joints they cover become labeled-but-occluded (v=1).</summary>
internal static class Occluders
{
    public static void Add(List<FigurePart> parts, SKPoint[] joints, float height, Random rng, double probability)
    {
        if (!rng.Chance(probability)) return;
        int count = rng.Chance(0.3) ? 2 : 1;
        float minX = joints.Min(p => p.X), maxX = joints.Max(p => p.X), minY = joints.Min(p => p.Y), maxY = joints.Max(p => p.Y);
        for (int k = 0; k < count; k++)
        {
            var center = new SKPoint(rng.Uniform(minX, maxX), rng.Uniform(minY, maxY));
            float angle = rng.Degrees(0, 180);
            var along = new SKPoint(MathF.Cos(angle), MathF.Sin(angle));
            var across = new SKPoint(-along.Y, along.X);
            var color = Clothing.RandomColor(rng, 0, 0.8, 0.2, 0.9);
            int id = FigurePart.FirstOccluderId + k;
            if (rng.Chance(0.5))
            {
                float half = rng.Uniform(0.15, 0.45) * height;
                parts.Add(new FigurePart(id, "bar", PartShape.Stroke, [center - Scale(along, half), center + Scale(along, half)],
                    rng.Uniform(0.06, 0.16) * height, color, float.MaxValue, []));
            }
            else
            {
                var u = Scale(along, rng.Uniform(0.06, 0.18) * height);
                var v = Scale(across, rng.Uniform(0.06, 0.18) * height);
                parts.Add(new FigurePart(id, "box", PartShape.Polygon, [center - u - v, center + u - v, center + u + v, center - u + v],
                    1f, color, float.MaxValue, []));
            }
        }
    }

    private static SKPoint Scale(SKPoint p, float s) => new(p.X * s, p.Y * s);
}
