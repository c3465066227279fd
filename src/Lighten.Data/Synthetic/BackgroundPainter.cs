using SkiaSharp;

namespace Lighten.Data.Synthetic;

/// <summary>
/// Paints the scene behind the person: a random gradient, shapes, stripes, lines, and limb-like strokes and head-like
/// ellipses in skin and clothing colours, so that a detector cannot find the person by colour or shape alone.
/// </summary>
internal static class BackgroundPainter
{
    /// <summary>The colour of <see cref="SyntheticBackground.Plain"/>.</summary>
    public static readonly SKColor Plain = new(128, 128, 128);

    public static void Paint(SKCanvas canvas, int size, SyntheticBackground background, float limbWidth, Random rng)
    {
        if (background == SyntheticBackground.Plain)
        {
            canvas.Clear(Plain);
            return;
        }
        using var paint = new SKPaint { IsAntialias = true };
        PaintGradient(canvas, size, paint, rng);
        for (int n = rng.Next(4, 15); n > 0; n--) PaintShape(canvas, size, paint, rng);
        if (rng.Chance(0.25)) PaintStripes(canvas, size, paint, rng);
        for (int n = rng.Next(2, 9); n > 0; n--)
        {
            paint.Style = SKPaintStyle.Stroke;
            paint.StrokeWidth = rng.Uniform(1, 3);
            paint.Color = Clothing.RandomColor(rng, 0, 1, 0, 1);
            canvas.DrawLine(RandomPoint(rng, size), RandomPoint(rng, size), paint);
        }
        var decoy = Clothing.Sample(rng);
        for (int n = rng.Next(1, 6); n > 0; n--) PaintLimb(canvas, size, limbWidth, decoy, paint, rng);
        if (rng.Chance(0.3))
        {
            paint.Style = SKPaintStyle.Fill;
            paint.Color = decoy.Skin;
            float r = limbWidth * rng.Uniform(0.6, 1.0);
            var c = RandomPoint(rng, size);
            canvas.DrawOval(new SKRect(c.X - r, c.Y - 1.25f * r, c.X + r, c.Y + 1.25f * r), paint);
        }
    }

    private static void PaintGradient(SKCanvas canvas, int size, SKPaint paint, Random rng)
    {
        int stops = rng.Chance(0.3) ? 3 : 2;
        var colors = Enumerable.Range(0, stops).Select(_ => Clothing.RandomColor(rng, 0, 0.7, 0.1, 0.95)).ToArray();
        using var shader = rng.Chance(0.3)
            ? SKShader.CreateRadialGradient(RandomPoint(rng, size), rng.Uniform(0.3, 1.2) * size, colors, SKShaderTileMode.Clamp)
            : SKShader.CreateLinearGradient(RandomPoint(rng, size), RandomPoint(rng, size), colors, SKShaderTileMode.Clamp);
        paint.Shader = shader;
        canvas.DrawRect(0, 0, size, size, paint);
        paint.Shader = null;
    }

    private static void PaintShape(SKCanvas canvas, int size, SKPaint paint, Random rng)
    {
        paint.Style = rng.Chance(0.8) ? SKPaintStyle.Fill : SKPaintStyle.Stroke;
        paint.StrokeWidth = rng.Uniform(1, 4);
        paint.Color = Clothing.RandomColor(rng, 0, 0.9, 0.05, 1).WithAlpha((byte)rng.Next(130, 256));
        var c = RandomPoint(rng, size);
        float w = rng.Uniform(0.05, 0.5) * size, h = rng.Uniform(0.05, 0.5) * size;
        canvas.Save();
        canvas.Translate(c.X, c.Y);
        canvas.RotateDegrees(rng.Uniform(0, 180));
        switch (rng.Next(3))
        {
            case 0:
                canvas.DrawRect(-w / 2, -h / 2, w, h, paint);
                break;
            case 1:
                canvas.DrawOval(new SKRect(-w / 2, -h / 2, w / 2, h / 2), paint);
                break;
            default:
                FigurePainter.DrawPolygon(canvas, [new(-w / 2, h / 2), new(w / 2, h / 2), new(rng.Uniform(-w / 2, w / 2), -h / 2)], paint);
                break;
        }
        canvas.Restore();
    }

    private static void PaintStripes(SKCanvas canvas, int size, SKPaint paint, Random rng)
    {
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeWidth = rng.Uniform(1, 4);
        paint.Color = Clothing.RandomColor(rng, 0, 0.8, 0.1, 0.9);
        float gap = paint.StrokeWidth + rng.Uniform(2, 8);
        var c = RandomPoint(rng, size);
        float half = rng.Uniform(0.15, 0.4) * size;
        canvas.Save();
        canvas.ClipRect(new SKRect(c.X - half, c.Y - half, c.X + half, c.Y + half));
        canvas.RotateDegrees(rng.Uniform(0, 180), c.X, c.Y);
        for (float x = c.X - 1.5f * half; x < c.X + 1.5f * half; x += gap) canvas.DrawLine(x, c.Y - 1.5f * half, x, c.Y + 1.5f * half, paint);
        canvas.Restore();
    }

    /// <summary>A chain of one to three thick round strokes bending like an arm or a leg.</summary>
    private static void PaintLimb(SKCanvas canvas, int size, float limbWidth, Clothing palette, SKPaint paint, Random rng)
    {
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeCap = SKStrokeCap.Round;
        paint.StrokeWidth = Math.Max(2f, limbWidth * rng.Uniform(0.6, 1.4));
        paint.Color = rng.Pick(0.4, 0.3, 0.3) switch { 0 => palette.Skin, 1 => palette.Shirt, _ => palette.Trousers };
        var p = RandomPoint(rng, size);
        float angle = rng.Degrees(0, 360);
        for (int n = rng.Next(1, 4); n > 0; n--)
        {
            float length = rng.Uniform(0.1, 0.3) * size;
            var q = new SKPoint(p.X + length * MathF.Cos(angle), p.Y + length * MathF.Sin(angle));
            canvas.DrawLine(p, q, paint);
            p = q;
            angle += (rng.Chance(0.5) ? 1 : -1) * rng.Degrees(20, 120);
        }
        paint.StrokeCap = SKStrokeCap.Butt;
    }

    private static SKPoint RandomPoint(Random rng, int size) => new(rng.Uniform(0, size), rng.Uniform(0, size));
}
