using System.Numerics;
using SkiaSharp;

namespace Lighten.Data.Synthetic;

/// <summary>
/// An orthographic view of a body: turn about the vertical axis (yaw; 0 faces the camera), tilt toward the camera
/// (pitch; positive looks down on the person), rotation in the image plane (roll), pixels per body unit, and offset.
/// </summary>
internal readonly record struct Camera(float Yaw, float Pitch, float Roll, float Scale, SKPoint Offset)
{
    public static Camera Sample(Random rng, double backViewProbability, int size)
    {
        float yaw = rng.Chance(backViewProbability) ? rng.Degrees(135, 225)
            : rng.Chance(0.65) ? rng.Degrees(-45, 45)
            : (rng.Chance(0.5) ? 1 : -1) * rng.Degrees(45, 135);
        float pitch = rng.Degrees(-15, 25);
        float roll = rng.Pick(0.75, 0.2, 0.05) switch
        {
            0 => Math.Clamp((float)rng.Gaussian() * 12f, -30f, 30f) * MathF.PI / 180f,
            1 => (rng.Chance(0.5) ? 1 : -1) * rng.Degrees(30, 90),
            _ => rng.Degrees(-180, 180),
        };
        float height = size * (rng.Chance(0.15) ? rng.Uniform(0.35, 0.5) : rng.Uniform(0.5, 0.95));
        return new Camera(yaw, pitch, roll, height, SKPoint.Empty);
    }

    /// <summary>The image point of a body point and its depth toward the camera (larger is nearer), in body units.</summary>
    public (SKPoint Point, float Depth) Project(Vector3 p)
    {
        var (x, y, depth) = Rotate(p);
        return (new SKPoint(x * Scale + Offset.X, y * Scale + Offset.Y), depth);
    }

    /// <summary>A body direction in image axes (x right, y down, z toward the camera).</summary>
    public (float X, float Y, float Depth) Rotate(Vector3 p)
    {
        float x1 = MathF.Cos(Yaw) * p.X + MathF.Sin(Yaw) * p.Z;
        float z1 = -MathF.Sin(Yaw) * p.X + MathF.Cos(Yaw) * p.Z;
        float y2 = MathF.Cos(Pitch) * p.Y - MathF.Sin(Pitch) * z1;
        float z2 = MathF.Sin(Pitch) * p.Y + MathF.Cos(Pitch) * z1;
        float ix = x1, iy = -y2;
        return (MathF.Cos(Roll) * ix - MathF.Sin(Roll) * iy, MathF.Sin(Roll) * ix + MathF.Cos(Roll) * iy, z2);
    }
}
