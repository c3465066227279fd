using SkiaSharp;

namespace Lighten.Data.Synthetic;

/// <summary>
/// Colours of one person. The person's left limbs are a little darker and the right ones a little lighter than
/// the garment, so that left and right can be told apart, though not at a glance.
/// </summary>
internal sealed record Clothing(SKColor Skin, SKColor Shirt, SKColor Trousers, SKColor Shoes, SKColor? Hair, int Sleeves, bool LongTrousers, float Shade)
{
    public static Clothing Sample(Random rng)
    {
        var skin = Mix(new SKColor(250, 220, 190), new SKColor(85, 55, 40), rng.Uniform(0, 1));
        var shirt = RandomColor(rng, 0.1, 0.9, 0.25, 0.95);
        var trousers = rng.Chance(0.35) ? SKColor.FromHsv(rng.Uniform(200, 235), rng.Uniform(30, 70), rng.Uniform(20, 60)) : RandomColor(rng, 0.0, 0.8, 0.15, 0.85);
        var shoes = RandomColor(rng, 0.0, 0.5, 0.05, 0.5);
        SKColor? hair = rng.Chance(0.1) ? null : Mix(new SKColor(20, 15, 10), new SKColor(200, 170, 110), MathF.Pow(rng.Uniform(0, 1), 2));
        int sleeves = rng.Pick(0.1, 0.5, 0.4);
        return new Clothing(skin, shirt, trousers, shoes, hair, sleeves, rng.Chance(0.7), rng.Uniform(0.08, 0.2));
    }

    /// <summary>A colour from hue 0–360 and saturation / value ranges in 0–1.</summary>
    public static SKColor RandomColor(Random rng, double minSat, double maxSat, double minVal, double maxVal) =>
        SKColor.FromHsv(rng.Uniform(0, 360), rng.Uniform(minSat, maxSat) * 100, rng.Uniform(minVal, maxVal) * 100);

    public SKColor UpperArm => Sleeves >= 1 ? Shirt : Skin;

    public SKColor Forearm => Sleeves == 2 ? Shirt : Skin;

    public SKColor Shin => LongTrousers ? Trousers : Skin;

    /// <summary>A limb colour shaded for its side.</summary>
    public SKColor OnSide(SKColor color, Side side) => side == Side.Left ? Scale(color, 1 - Shade) : Scale(color, 1 + Shade / 2);

    private static SKColor Scale(SKColor c, float f) =>
        new(ToByte(c.Red * f), ToByte(c.Green * f), ToByte(c.Blue * f));

    private static SKColor Mix(SKColor a, SKColor b, float t) =>
        new(ToByte(a.Red + (b.Red - a.Red) * t), ToByte(a.Green + (b.Green - a.Green) * t), ToByte(a.Blue + (b.Blue - a.Blue) * t));

    private static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round(v), 0, 255);
}
