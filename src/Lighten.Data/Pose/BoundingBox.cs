namespace Lighten.Data.Pose;

/// <summary>An axis-aligned box in image pixels, in COCO's [x, y, width, height] form.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct BoundingBox(float X, float Y, float Width, float Height)
{
    /// <summary>The box spanning the corners (x1, y1) and (x2, y2).</summary>
    public static BoundingBox FromCorners(float x1, float y1, float x2, float y2) =>
        new(Math.Min(x1, x2), Math.Min(y1, y2), Math.Abs(x2 - x1), Math.Abs(y2 - y1));

    /// <summary>Horizontal center.</summary>
    public float CenterX => X + Width / 2;

    /// <summary>Vertical center.</summary>
    public float CenterY => Y + Height / 2;

    /// <summary>Length of the diagonal.</summary>
    public double Diagonal => Math.Sqrt((double)Width * Width + (double)Height * Height);

    /// <summary>The longer side, the PCK normalizer when no head box exists.</summary>
    public float MaxSide => Math.Max(Width, Height);
}
