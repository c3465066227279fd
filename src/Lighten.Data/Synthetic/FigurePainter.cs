using SkiaSharp;

namespace Lighten.Data.Synthetic;

/// <summary>
/// Draws a figure's parts in order, either in colour (anti-aliased) or as a part map: each part filled with its id
/// in the red channel without anti-aliasing, so the map tells which part is on top at every pixel.
/// </summary>
internal static class FigurePainter
{
    public static void Paint(SKCanvas canvas, Figure figure)
    {
        foreach (var part in figure.Parts) Draw(canvas, part, partMap: false);
    }

    /// <summary>The id of the topmost part at each pixel (row-major), 0 where no part is.</summary>
    public static byte[] PartMap(Figure figure, int size)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            foreach (var part in figure.Parts) Draw(canvas, part, partMap: true);
        }
        var pixels = bitmap.GetPixelSpan();
        var map = new byte[size * size];
        for (int i = 0; i < map.Length; i++) map[i] = pixels[4 * i];
        return map;
    }

    private static void Draw(SKCanvas canvas, FigurePart part, bool partMap)
    {
        var color = partMap ? new SKColor((byte)part.Id, 0, 0) : part.Color;
        using var paint = new SKPaint { Color = color, IsAntialias = !partMap, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round, StrokeWidth = part.Width };
        switch (part.Shape)
        {
            case PartShape.Stroke:
                paint.Style = SKPaintStyle.Stroke;
                canvas.DrawLine(part.Points[0], part.Points[1], paint);
                break;
            case PartShape.Polygon:
                paint.Style = SKPaintStyle.StrokeAndFill;
                DrawPolygon(canvas, part.Points, paint);
                break;
            case PartShape.Head:
                DrawHead(canvas, part.Head!, paint, withHair: !partMap);
                break;
        }
    }

    /// <summary>Draws a closed polygon with the paint's style.</summary>
    public static void DrawPolygon(SKCanvas canvas, SKPoint[] points, SKPaint paint)
    {
        using var builder = new SKPathBuilder();
        builder.AddPoly(points, close: true);
        using var path = builder.Detach();
        canvas.DrawPath(path, paint);
    }

    private static void DrawHead(SKCanvas canvas, HeadLook head, SKPaint paint, bool withHair)
    {
        paint.Style = SKPaintStyle.Fill;
        canvas.Save();
        canvas.Translate(head.Center.X, head.Center.Y);
        canvas.RotateDegrees(head.AngleDegrees);
        var oval = new SKRect(-head.RadiusX, -head.RadiusY, head.RadiusX, head.RadiusY);
        canvas.DrawOval(oval, paint);
        if (withHair && head.Hair is { } hair)
        {
            paint.Color = hair;
            float rx = head.RadiusX + 1, ry = head.RadiusY + 1;
            DrawClipped(canvas, oval, paint, new SKRect(-rx, -ry, rx, Math.Max(-head.RadiusY + 2 * head.Cap * head.RadiusY, head.TopY + 2)));
            if (head.BackSide != 0)
            {
                float edge = 0.2f * head.RadiusX * head.BackSide;
                var back = head.BackSide > 0 ? new SKRect(edge, -ry, rx, 0.4f * head.RadiusY) : new SKRect(-rx, -ry, edge, 0.4f * head.RadiusY);
                DrawClipped(canvas, oval, paint, back);
            }
        }
        canvas.Restore();
    }

    private static void DrawClipped(SKCanvas canvas, SKRect oval, SKPaint paint, SKRect clip)
    {
        canvas.Save();
        canvas.ClipRect(clip, antialias: true);
        canvas.DrawOval(oval, paint);
        canvas.Restore();
    }
}
